using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OnboardingWorkflow.Data.Migrations.PostgreSql
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
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ReviewCases",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CustomerId = table.Column<Guid>(type: "uuid", nullable: false),
                    DueDate = table.Column<DateOnly>(type: "date", nullable: false),
                    InstanceId = table.Column<Guid>(type: "uuid", nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Owner = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    PreviousGrade = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    PreviousTier = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    PreviousLimit = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    PreviousTermsDays = table.Column<int>(type: "integer", nullable: false),
                    StatementsJson = table.Column<string>(type: "text", nullable: true),
                    StatementsBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    StatementsAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Score = table.Column<double>(type: "double precision", nullable: true),
                    Grade = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: true),
                    Tier = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    ProposedLimit = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    ProposedTermsDays = table.Column<int>(type: "integer", nullable: true),
                    ApprovalLevel = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    ApprovedLimit = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    ApprovedTermsDays = table.Column<int>(type: "integer", nullable: true),
                    NextReview = table.Column<DateOnly>(type: "date", nullable: true),
                    Outcome = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    StartedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    DecidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Revision = table.Column<int>(type: "integer", nullable: false)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    AsOf = table.Column<DateOnly>(type: "date", nullable: false),
                    DueBy = table.Column<DateOnly>(type: "date", nullable: false),
                    LastDueDate = table.Column<DateOnly>(type: "date", nullable: true),
                    LastCustomerId = table.Column<Guid>(type: "uuid", nullable: true),
                    Batches = table.Column<int>(type: "integer", nullable: false),
                    CustomersDue = table.Column<int>(type: "integer", nullable: false),
                    CasesStarted = table.Column<int>(type: "integer", nullable: false),
                    StartedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    FinishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Revision = table.Column<int>(type: "integer", nullable: false)
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
