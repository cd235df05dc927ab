using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OnboardingWorkflow.Data.Migrations.SqlServer
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
                type: "nvarchar(300)",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ClaimedBy",
                table: "WorkflowTasks",
                type: "nvarchar(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "DueOrder",
                table: "WorkflowTasks",
                type: "datetimeoffset",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            // Tasks from before get their inbox columns: the due order, the claim, the candidates.
            migrationBuilder.Sql("UPDATE [WorkflowTasks] SET [DueOrder] = COALESCE([DueDate], CAST('9999-12-31T00:00:00+00:00' AS datetimeoffset));");
            migrationBuilder.Sql("UPDATE t SET [ClaimedBy] = c.[UserName] FROM [WorkflowTasks] AS t JOIN [TaskClaims] AS c ON c.[TaskId] = t.[Id];");
            migrationBuilder.Sql("UPDATE t SET [CandidateKey] = k.[CandidateKey] FROM [WorkflowTasks] AS t JOIN (SELECT [TaskId], '|' + STRING_AGG(CASE [Kind] WHEN 'user' THEN 'u:' ELSE 'g:' END + [Value], '|') + '|' AS [CandidateKey] FROM [WorkflowTaskCandidates] GROUP BY [TaskId]) AS k ON k.[TaskId] = t.[Id];");

            migrationBuilder.CreateTable(
                name: "SavedTaskFilters",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    UserName = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    Name = table.Column<string>(type: "nvarchar(60)", maxLength: 60, nullable: false),
                    QueryJson = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
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
