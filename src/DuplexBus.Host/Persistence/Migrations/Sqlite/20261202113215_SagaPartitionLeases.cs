using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DuplexBus.Host.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SagaPartitionLeases : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "saga_partition_host",
                columns: table => new
                {
                    owner = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    seen_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_saga_partition_host", x => x.owner);
                });

            migrationBuilder.CreateTable(
                name: "saga_partition_lease",
                columns: table => new
                {
                    queue = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    owner = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    expires_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_saga_partition_lease", x => x.queue);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "saga_partition_host");

            migrationBuilder.DropTable(
                name: "saga_partition_lease");
        }
    }
}
