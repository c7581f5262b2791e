using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DuplexBus.Host.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class SequenceCreateMessageId : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "create_message_id",
                table: "rm_sequence",
                type: "character varying(512)",
                maxLength: 512,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_rm_sequence_create_message_id",
                table: "rm_sequence",
                column: "create_message_id",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_rm_sequence_create_message_id",
                table: "rm_sequence");

            migrationBuilder.DropColumn(
                name: "create_message_id",
                table: "rm_sequence");
        }
    }
}
