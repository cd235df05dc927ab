using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OnboardingWorkflow.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class WorkflowMigrationBatches : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "WorkflowMigrationBatches",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ProcessKey = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    FromVersion = table.Column<int>(type: "integer", nullable: false),
                    ToVersion = table.Column<int>(type: "integer", nullable: false),
                    MappingJson = table.Column<string>(type: "character varying(150000)", maxLength: 150000, nullable: true),
                    InstanceIdsJson = table.Column<string>(type: "character varying(800000)", maxLength: 800000, nullable: false),
                    Explicit = table.Column<bool>(type: "boolean", nullable: false),
                    State = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Total = table.Column<int>(type: "integer", nullable: false),
                    Migrated = table.Column<int>(type: "integer", nullable: false),
                    Skipped = table.Column<int>(type: "integer", nullable: false),
                    Failed = table.Column<int>(type: "integer", nullable: false),
                    FailuresJson = table.Column<string>(type: "character varying(200000)", maxLength: 200000, nullable: true),
                    StartedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    FinishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WorkflowMigrationBatches", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_WorkflowMigrationBatches_ProcessKey_State",
                table: "WorkflowMigrationBatches",
                columns: new[] { "ProcessKey", "State" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "WorkflowMigrationBatches");
        }
    }
}
