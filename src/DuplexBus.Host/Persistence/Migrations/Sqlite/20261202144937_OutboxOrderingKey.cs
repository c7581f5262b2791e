using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DuplexBus.Host.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class OutboxOrderingKey : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ordering_key",
                table: "outbox_message",
                type: "TEXT",
                maxLength: 256,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ordering_key",
                table: "outbox_message");
        }
    }
}
