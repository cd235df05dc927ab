using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OnboardingWorkflow.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ExternalTasks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "LockExpiresAt",
                table: "WorkflowBookmarks",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LockOwner",
                table: "WorkflowBookmarks",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "Priority",
                table: "WorkflowBookmarks",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<int>(
                name: "Retries",
                table: "WorkflowBookmarks",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Topic",
                table: "WorkflowBookmarks",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_WorkflowBookmarks_Topic_Priority",
                table: "WorkflowBookmarks",
                columns: new[] { "Topic", "Priority" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_WorkflowBookmarks_Topic_Priority",
                table: "WorkflowBookmarks");

            migrationBuilder.DropColumn(
                name: "LockExpiresAt",
                table: "WorkflowBookmarks");

            migrationBuilder.DropColumn(
                name: "LockOwner",
                table: "WorkflowBookmarks");

            migrationBuilder.DropColumn(
                name: "Priority",
                table: "WorkflowBookmarks");

            migrationBuilder.DropColumn(
                name: "Retries",
                table: "WorkflowBookmarks");

            migrationBuilder.DropColumn(
                name: "Topic",
                table: "WorkflowBookmarks");
        }
    }
}
