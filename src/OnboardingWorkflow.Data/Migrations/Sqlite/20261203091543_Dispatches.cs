using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OnboardingWorkflow.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Dispatches : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "WorkflowDispatchDeliveries",
                columns: table => new
                {
                    DispatchId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Target = table.Column<string>(type: "TEXT", maxLength: 420, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WorkflowDispatchDeliveries", x => new { x.DispatchId, x.Target });
                });

            migrationBuilder.CreateTable(
                name: "WorkflowDispatches",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Name = table.Column<string>(type: "TEXT", nullable: false),
                    CorrelationKey = table.Column<string>(type: "TEXT", nullable: true),
                    VariablesJson = table.Column<string>(type: "TEXT", nullable: true),
                    Actor = table.Column<string>(type: "TEXT", nullable: true),
                    SourceInstanceId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    DueAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    LastError = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WorkflowDispatches", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_WorkflowDispatches_DueAt",
                table: "WorkflowDispatches",
                column: "DueAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "WorkflowDispatchDeliveries");

            migrationBuilder.DropTable(
                name: "WorkflowDispatches");
        }
    }
}
