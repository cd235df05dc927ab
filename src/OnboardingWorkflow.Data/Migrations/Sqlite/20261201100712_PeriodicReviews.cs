using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OnboardingWorkflow.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PeriodicReviews : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_CreditProfiles_NextReview",
                table: "CreditProfiles");

            migrationBuilder.AddColumn<Guid>(
                name: "ReviewCaseId",
                table: "CreditDecisions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ReviewCases",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DueDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    InstanceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Owner = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    PreviousGrade = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    PreviousTier = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    PreviousLimit = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    PreviousTermsDays = table.Column<int>(type: "INTEGER", nullable: false),
                    StatementsJson = table.Column<string>(type: "TEXT", nullable: true),
                    StatementsBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    StatementsAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Score = table.Column<double>(type: "REAL", nullable: true),
                    Grade = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    Tier = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    ProposedLimit = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: true),
                    ProposedTermsDays = table.Column<int>(type: "INTEGER", nullable: true),
                    ApprovalLevel = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    ApprovedLimit = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: true),
                    ApprovedTermsDays = table.Column<int>(type: "INTEGER", nullable: true),
                    NextReview = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    StartedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    DecidedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReviewCases", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReviewCases_Customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "Customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ReviewRuns",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    AsOf = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    DueBy = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    LastDueDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    LastCustomerId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Batches = table.Column<int>(type: "INTEGER", nullable: false),
                    CustomersDue = table.Column<int>(type: "INTEGER", nullable: false),
                    CasesStarted = table.Column<int>(type: "INTEGER", nullable: false),
                    StartedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    FinishedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReviewRuns", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CreditProfiles_NextReview_CustomerId",
                table: "CreditProfiles",
                columns: new[] { "NextReview", "CustomerId" });

            migrationBuilder.CreateIndex(
                name: "IX_CreditDecisions_ReviewCaseId",
                table: "CreditDecisions",
                column: "ReviewCaseId");

            migrationBuilder.CreateIndex(
                name: "IX_ReviewCases_CustomerId_DueDate",
                table: "ReviewCases",
                columns: new[] { "CustomerId", "DueDate" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ReviewCases_InstanceId",
                table: "ReviewCases",
                column: "InstanceId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ReviewCases_Status_DueDate",
                table: "ReviewCases",
                columns: new[] { "Status", "DueDate" });

            migrationBuilder.CreateIndex(
                name: "IX_ReviewRuns_AsOf",
                table: "ReviewRuns",
                column: "AsOf",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ReviewRuns_FinishedAt_StartedAt",
                table: "ReviewRuns",
                columns: new[] { "FinishedAt", "StartedAt" });

            migrationBuilder.AddForeignKey(
                name: "FK_CreditDecisions_ReviewCases_ReviewCaseId",
                table: "CreditDecisions",
                column: "ReviewCaseId",
                principalTable: "ReviewCases",
                principalColumn: "Id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_CreditDecisions_ReviewCases_ReviewCaseId",
                table: "CreditDecisions");

            migrationBuilder.DropTable(
                name: "ReviewCases");

            migrationBuilder.DropTable(
                name: "ReviewRuns");

            migrationBuilder.DropIndex(
                name: "IX_CreditProfiles_NextReview_CustomerId",
                table: "CreditProfiles");

            migrationBuilder.DropIndex(
                name: "IX_CreditDecisions_ReviewCaseId",
                table: "CreditDecisions");

            migrationBuilder.DropColumn(
                name: "ReviewCaseId",
                table: "CreditDecisions");

            migrationBuilder.CreateIndex(
                name: "IX_CreditProfiles_NextReview",
                table: "CreditProfiles",
                column: "NextReview");
        }
    }
}
