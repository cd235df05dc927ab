using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OnboardingWorkflow.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TaskInbox : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_WorkflowTasks_Status_DueDate",
                table: "WorkflowTasks");

            migrationBuilder.DropIndex(
                name: "IX_WorkflowTaskCandidates_TaskId",
                table: "WorkflowTaskCandidates");

            migrationBuilder.AddColumn<string>(
                name: "CandidateKey",
                table: "WorkflowTasks",
                type: "TEXT",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ClaimedBy",
                table: "WorkflowTasks",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "DueOrder",
                table: "WorkflowTasks",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            // Tasks from before get their inbox columns: the due order, the claim, the candidates.
            migrationBuilder.Sql("UPDATE \"WorkflowTasks\" SET \"DueOrder\" = COALESCE(\"DueDate\", 6462214373376000000);");
            migrationBuilder.Sql("UPDATE \"WorkflowTasks\" SET \"ClaimedBy\" = (SELECT c.\"UserName\" FROM \"TaskClaims\" AS c WHERE c.\"TaskId\" = \"WorkflowTasks\".\"Id\");");
            migrationBuilder.Sql("UPDATE \"WorkflowTasks\" SET \"CandidateKey\" = (SELECT '|' || group_concat(CASE c.\"Kind\" WHEN 'user' THEN 'u:' ELSE 'g:' END || c.\"Value\", '|') || '|' FROM \"WorkflowTaskCandidates\" AS c WHERE c.\"TaskId\" = \"WorkflowTasks\".\"Id\");");

            migrationBuilder.CreateTable(
                name: "SavedTaskFilters",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    QueryJson = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SavedTaskFilters", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_WorkflowTasks_Status_CreatedAt_Id",
                table: "WorkflowTasks",
                columns: new[] { "Status", "CreatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_WorkflowTasks_Status_DueOrder_Id_Assignee_ClaimedBy_FollowUpDate_CandidateKey",
                table: "WorkflowTasks",
                columns: new[] { "Status", "DueOrder", "Id", "Assignee", "ClaimedBy", "FollowUpDate", "CandidateKey" });

            migrationBuilder.CreateIndex(
                name: "IX_WorkflowTaskCandidates_TaskId_Kind_Value",
                table: "WorkflowTaskCandidates",
                columns: new[] { "TaskId", "Kind", "Value" });

            migrationBuilder.CreateIndex(
                name: "IX_LimitChangeRequests_InstanceId",
                table: "LimitChangeRequests",
                column: "InstanceId");

            migrationBuilder.CreateIndex(
                name: "IX_SavedTaskFilters_UserName_Name",
                table: "SavedTaskFilters",
                columns: new[] { "UserName", "Name" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SavedTaskFilters");

            migrationBuilder.DropIndex(
                name: "IX_WorkflowTasks_Status_CreatedAt_Id",
                table: "WorkflowTasks");

            migrationBuilder.DropIndex(
                name: "IX_WorkflowTasks_Status_DueOrder_Id_Assignee_ClaimedBy_FollowUpDate_CandidateKey",
                table: "WorkflowTasks");

            migrationBuilder.DropIndex(
                name: "IX_WorkflowTaskCandidates_TaskId_Kind_Value",
                table: "WorkflowTaskCandidates");

            migrationBuilder.DropIndex(
                name: "IX_LimitChangeRequests_InstanceId",
                table: "LimitChangeRequests");

            migrationBuilder.DropColumn(
                name: "CandidateKey",
                table: "WorkflowTasks");

            migrationBuilder.DropColumn(
                name: "ClaimedBy",
                table: "WorkflowTasks");

            migrationBuilder.DropColumn(
                name: "DueOrder",
                table: "WorkflowTasks");

            migrationBuilder.CreateIndex(
                name: "IX_WorkflowTasks_Status_DueDate",
                table: "WorkflowTasks",
                columns: new[] { "Status", "DueDate" });

            migrationBuilder.CreateIndex(
                name: "IX_WorkflowTaskCandidates_TaskId",
                table: "WorkflowTaskCandidates",
                column: "TaskId");
        }
    }
}
