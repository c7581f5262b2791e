using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DuplexBus.Host.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class OutboxTraceAndDeadCallbacks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "trace_parent",
                table: "outbox_message",
                type: "character varying(55)",
                maxLength: 55,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_callback_message_dead",
                table: "callback_message",
                column: "created_at",
                filter: "state = 2");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_callback_message_dead",
                table: "callback_message");

            migrationBuilder.DropColumn(
                name: "trace_parent",
                table: "outbox_message");
        }
    }
}
