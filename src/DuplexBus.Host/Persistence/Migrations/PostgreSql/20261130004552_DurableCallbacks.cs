using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DuplexBus.Host.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class DurableCallbacks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "callback_address",
                table: "work_state",
                type: "character varying(2048)",
                maxLength: 2048,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "callback_addressing_version",
                table: "work_state",
                type: "character varying(8)",
                maxLength: 8,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "callback_reference_parameters",
                table: "work_state",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "callback_soap_version",
                table: "work_state",
                type: "character varying(8)",
                maxLength: 8,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "completed_at",
                table: "work_state",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "run",
                table: "work_state",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "callback_message",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    correlation_id = table.Column<Guid>(type: "uuid", nullable: true),
                    address = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: false),
                    soap_version = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    addressing_version = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    action = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: false),
                    headers = table.Column<string>(type: "text", nullable: false),
                    body = table.Column<string>(type: "text", nullable: false),
                    state = table.Column<int>(type: "integer", nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    next_attempt_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    lease_id = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    window_started_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    delivered_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    last_status_code = table.Column<int>(type: "integer", nullable: true),
                    last_error = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_callback_message", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_callback_message_correlation_id",
                table: "callback_message",
                column: "correlation_id");

            migrationBuilder.CreateIndex(
                name: "ix_callback_message_due",
                table: "callback_message",
                column: "next_attempt_at",
                filter: "state = 0");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "callback_message");

            migrationBuilder.DropColumn(
                name: "callback_address",
                table: "work_state");

            migrationBuilder.DropColumn(
                name: "callback_addressing_version",
                table: "work_state");

            migrationBuilder.DropColumn(
                name: "callback_reference_parameters",
                table: "work_state");

            migrationBuilder.DropColumn(
                name: "callback_soap_version",
                table: "work_state");

            migrationBuilder.DropColumn(
                name: "completed_at",
                table: "work_state");

            migrationBuilder.DropColumn(
                name: "run",
                table: "work_state");
        }
    }
}
