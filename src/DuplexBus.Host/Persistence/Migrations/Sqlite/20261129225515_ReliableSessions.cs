using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DuplexBus.Host.Persistence.Migrations.Sqlite
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
                    sequence_id = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    number = table.Column<long>(type: "INTEGER", nullable: false),
                    message_type = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    body = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_rm_held_message", x => new { x.sequence_id, x.number });
                });

            migrationBuilder.CreateTable(
                name: "rm_reply",
                columns: table => new
                {
                    sequence_id = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    request_number = table.Column<long>(type: "INTEGER", nullable: false),
                    reply_number = table.Column<long>(type: "INTEGER", nullable: false),
                    action = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: false),
                    body = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_rm_reply", x => new { x.sequence_id, x.request_number });
                });

            migrationBuilder.CreateTable(
                name: "rm_sequence",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    rm_version = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    soap_version = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    addressing_version = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    acks_to = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: false),
                    reply_sequence_id = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    replies_sent = table.Column<long>(type: "INTEGER", nullable: false),
                    ordered = table.Column<bool>(type: "INTEGER", nullable: false),
                    received = table.Column<string>(type: "TEXT", nullable: false),
                    delivered_through = table.Column<long>(type: "INTEGER", nullable: false),
                    last_number = table.Column<long>(type: "INTEGER", nullable: true),
                    status = table.Column<int>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    last_activity_at = table.Column<DateTime>(type: "TEXT", nullable: false)
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
