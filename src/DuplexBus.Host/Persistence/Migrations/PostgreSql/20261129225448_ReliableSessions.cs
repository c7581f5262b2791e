using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DuplexBus.Host.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class ReliableSessions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "rm_held_message",
                columns: table => new
                {
                    sequence_id = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    number = table.Column<long>(type: "bigint", nullable: false),
                    message_type = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    body = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_rm_held_message", x => new { x.sequence_id, x.number });
                });

            migrationBuilder.CreateTable(
                name: "rm_reply",
                columns: table => new
                {
                    sequence_id = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    request_number = table.Column<long>(type: "bigint", nullable: false),
                    reply_number = table.Column<long>(type: "bigint", nullable: false),
                    action = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: false),
                    body = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_rm_reply", x => new { x.sequence_id, x.request_number });
                });

            migrationBuilder.CreateTable(
                name: "rm_sequence",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    rm_version = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    soap_version = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    addressing_version = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    acks_to = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: false),
                    reply_sequence_id = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    replies_sent = table.Column<long>(type: "bigint", nullable: false),
                    ordered = table.Column<bool>(type: "boolean", nullable: false),
                    received = table.Column<string>(type: "text", nullable: false),
                    delivered_through = table.Column<long>(type: "bigint", nullable: false),
                    last_number = table.Column<long>(type: "bigint", nullable: true),
                    status = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    last_activity_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_rm_sequence", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_rm_sequence_status_activity",
                table: "rm_sequence",
                columns: new[] { "status", "last_activity_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "rm_held_message");

            migrationBuilder.DropTable(
                name: "rm_reply");

            migrationBuilder.DropTable(
                name: "rm_sequence");
        }
    }
}
