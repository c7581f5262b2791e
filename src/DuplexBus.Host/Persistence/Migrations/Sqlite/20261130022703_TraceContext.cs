using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DuplexBus.Host.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TraceContext : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "callback_echo_activity_id",
                table: "work_state",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "callback_trace_parent",
                table: "work_state",
                type: "TEXT",
                maxLength: 55,
                nullable: true);

            // A saga that already holds a callback address has a callback: give it the flag's value, not NULL.
            migrationBuilder.Sql("UPDATE work_state SET callback_echo_activity_id = 0 WHERE callback_address IS NOT NULL");

            migrationBuilder.AddColumn<bool>(
                name: "echo_activity_id",
                table: "callback_message",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "trace_parent",
                table: "callback_message",
                type: "TEXT",
                maxLength: 55,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "callback_echo_activity_id",
                table: "work_state");

            migrationBuilder.DropColumn(
                name: "callback_trace_parent",
                table: "work_state");

            migrationBuilder.DropColumn(
                name: "echo_activity_id",
                table: "callback_message");

            migrationBuilder.DropColumn(
                name: "trace_parent",
                table: "callback_message");
        }
    }
}
