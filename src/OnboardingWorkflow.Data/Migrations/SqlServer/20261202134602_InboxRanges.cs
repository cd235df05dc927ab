using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OnboardingWorkflow.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class InboxRanges : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_WorkflowTasks_Status_DueOrder_Id_Assignee_ClaimedBy_FollowUpDate_CandidateKey",
                table: "WorkflowTasks");

            migrationBuilder.CreateIndex(
                name: "IX_WorkflowTasks_Assigned",
                table: "WorkflowTasks",
                columns: new[] { "Assignee", "ClaimedBy", "DueOrder", "Id" },
                filter: "\"Status\" = 'Open' AND \"Assignee\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_WorkflowTasks_Claimed",
                table: "WorkflowTasks",
                columns: new[] { "ClaimedBy", "DueOrder", "Id" },
                filter: "\"Status\" = 'Open' AND \"ClaimedBy\" > ''");

            migrationBuilder.CreateIndex(
                name: "IX_WorkflowTasks_FollowUp",
                table: "WorkflowTasks",
                columns: new[] { "FollowUpDate", "Assignee", "ClaimedBy", "CandidateKey", "DueOrder", "Id" },
                filter: "\"Status\" = 'Open' AND \"FollowUpDate\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_WorkflowTasks_Offered",
                table: "WorkflowTasks",
                columns: new[] { "CandidateKey", "DueOrder", "Id" },
                filter: "\"Status\" = 'Open' AND \"Assignee\" IS NULL AND \"ClaimedBy\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_WorkflowTasks_OfferedClaimed",
                table: "WorkflowTasks",
                columns: new[] { "CandidateKey", "DueOrder", "Id" },
                filter: "\"Status\" = 'Open' AND \"Assignee\" IS NULL AND \"ClaimedBy\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_WorkflowTasks_Status_DueOrder_Id",
                table: "WorkflowTasks",
                columns: new[] { "Status", "DueOrder", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_WorkflowTasks_Assigned",
                table: "WorkflowTasks");

            migrationBuilder.DropIndex(
                name: "IX_WorkflowTasks_Claimed",
                table: "WorkflowTasks");

            migrationBuilder.DropIndex(
                name: "IX_WorkflowTasks_FollowUp",
                table: "WorkflowTasks");

            migrationBuilder.DropIndex(
                name: "IX_WorkflowTasks_Offered",
                table: "WorkflowTasks");

            migrationBuilder.DropIndex(
                name: "IX_WorkflowTasks_OfferedClaimed",
                table: "WorkflowTasks");

            migrationBuilder.DropIndex(
                name: "IX_WorkflowTasks_Status_DueOrder_Id",
                table: "WorkflowTasks");

            migrationBuilder.CreateIndex(
                name: "IX_WorkflowTasks_Status_DueOrder_Id_Assignee_ClaimedBy_FollowUpDate_CandidateKey",
                table: "WorkflowTasks",
                columns: new[] { "Status", "DueOrder", "Id", "Assignee", "ClaimedBy", "FollowUpDate", "CandidateKey" });
        }
    }
}
