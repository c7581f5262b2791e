using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DuplexBus.Host.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class SequenceOwnership : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "client",
                table: "rm_sequence",
                type: "character varying(320)",
                maxLength: 320,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "endpoint",
                table: "rm_sequence",
                type: "character varying(512)",
                maxLength: 512,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<long>(
                name: "held_bytes",
                table: "rm_sequence",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<string>(
                name: "owner",
                table: "rm_sequence",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "client_identity",
                table: "outbox_message",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_rm_sequence_client_status",
                table: "rm_sequence",
                columns: new[] { "client", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_rm_sequence_reply_sequence_id",
                table: "rm_sequence",
                column: "reply_sequence_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_rm_sequence_client_status",
                table: "rm_sequence");

            migrationBuilder.DropIndex(
                name: "ix_rm_sequence_reply_sequence_id",
                table: "rm_sequence");

            migrationBuilder.DropColumn(
                name: "client",
                table: "rm_sequence");

            migrationBuilder.DropColumn(
                name: "endpoint",
                table: "rm_sequence");

            migrationBuilder.DropColumn(
                name: "held_bytes",
                table: "rm_sequence");

            migrationBuilder.DropColumn(
                name: "owner",
                table: "rm_sequence");

            migrationBuilder.DropColumn(
                name: "client_identity",
                table: "outbox_message");
        }
    }
}
