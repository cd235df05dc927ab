using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OnboardingWorkflow.Data.Migrations.PostgreSql
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
                type: "character varying(300)",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ClaimedBy",
                table: "WorkflowTasks",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "DueOrder",
                table: "WorkflowTasks",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            // Tasks from before get their inbox columns: the due order, the claim, the candidates.
            migrationBuilder.Sql("UPDATE \"WorkflowTasks\" SET \"DueOrder\" = COALESCE(\"DueDate\", TIMESTAMPTZ '9999-12-31 00:00:00+00');");
            migrationBuilder.Sql("UPDATE \"WorkflowTasks\" AS t SET \"ClaimedBy\" = c.\"UserName\" FROM \"TaskClaims\" AS c WHERE c.\"TaskId\" = t.\"Id\";");
            migrationBuilder.Sql("UPDATE \"WorkflowTasks\" AS t SET \"CandidateKey\" = k.key FROM (SELECT \"TaskId\", '|' || string_agg(CASE \"Kind\" WHEN 'user' THEN 'u:' ELSE 'g:' END || \"Value\", '|') || '|' AS key FROM \"WorkflowTaskCandidates\" GROUP BY \"TaskId\") AS k WHERE k.\"TaskId\" = t.\"Id\";");

            migrationBuilder.CreateTable(
                name: "SavedTaskFilters",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    UserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Name = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    QueryJson = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
                name: "IX_WorkflowTasks_Status_DueOrder_Id_Assignee_ClaimedBy_FollowU~",
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
                name: "IX_WorkflowTasks_Status_DueOrder_Id_Assignee_ClaimedBy_FollowU~",
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
