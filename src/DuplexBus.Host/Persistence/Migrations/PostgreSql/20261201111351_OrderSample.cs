using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DuplexBus.Host.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class OrderSample : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "order_state",
                columns: table => new
                {
                    correlation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    current_state = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    customer = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    skus = table.Column<string>(type: "text", nullable: false),
                    total = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: false),
                    cancel_reason = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: true),
                    carrier = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    tracking_number = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    shipped_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    callback_address = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: true),
                    callback_soap_version = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: true),
                    callback_addressing_version = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: true),
                    callback_reference_parameters = table.Column<string>(type: "text", nullable: true),
                    callback_trace_parent = table.Column<string>(type: "character varying(55)", maxLength: 55, nullable: true),
                    callback_echo_activity_id = table.Column<bool>(type: "boolean", nullable: true),
                    callback_delivered = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_order_state", x => x.correlation_id);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "order_state");
        }
    }
}
