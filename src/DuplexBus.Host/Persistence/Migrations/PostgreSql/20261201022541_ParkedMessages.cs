using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DuplexBus.Host.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class ParkedMessages : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "destination",
                table: "outbox_message",
                type: "character varying(1024)",
                maxLength: 1024,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "parked_message",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    source = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    message_id = table.Column<Guid>(type: "uuid", nullable: false),
                    message_type = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    body = table.Column<string>(type: "text", nullable: false),
                    destination = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: true),
                    reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    parked_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_parked_message", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_parked_message_parked_at",
                table: "parked_message",
                column: "parked_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "parked_message");

            migrationBuilder.DropColumn(
                name: "destination",
                table: "outbox_message");
        }
    }
}
