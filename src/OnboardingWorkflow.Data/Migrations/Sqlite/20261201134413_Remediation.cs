using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OnboardingWorkflow.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Remediation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "RemediationInstanceId",
                table: "CreditDecisions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "RemediationCases",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    InstanceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Stage = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    DebtMinor = table.Column<long>(type: "INTEGER", nullable: false),
                    DebtAsOf = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    StatusBefore = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    OpenedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    OpenedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Option = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    ProposedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    WriteDownMinor = table.Column<long>(type: "INTEGER", nullable: false),
                    ProposedPlanJson = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    LegalReference = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    ClosedReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    ClosedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RemediationCases", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RemediationCases_Customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "Customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "RemediationInstalments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseInstanceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    DueDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    AmountMinor = table.Column<long>(type: "INTEGER", nullable: false),
                    PaidMinor = table.Column<long>(type: "INTEGER", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    PaidAt = table.Column<long>(type: "INTEGER", nullable: true),
                    MissedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RemediationInstalments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RemediationInstalments_Customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "Customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "RemediationLetters",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseInstanceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    InstalmentNumber = table.Column<int>(type: "INTEGER", nullable: false),
                    Recipient = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Language = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Body = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    AmountMinor = table.Column<long>(type: "INTEGER", nullable: false),
                    Currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    SentAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RemediationLetters", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RemediationLetters_Customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "Customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CreditDecisions_RemediationInstanceId",
                table: "CreditDecisions",
                column: "RemediationInstanceId");

            migrationBuilder.CreateIndex(
                name: "IX_RemediationCases_CustomerId",
                table: "RemediationCases",
                column: "CustomerId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RemediationCases_InstanceId",
                table: "RemediationCases",
                column: "InstanceId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RemediationCases_Stage_CustomerId",
                table: "RemediationCases",
                columns: new[] { "Stage", "CustomerId" });

            migrationBuilder.CreateIndex(
                name: "IX_RemediationInstalments_CaseInstanceId_Number",
                table: "RemediationInstalments",
                columns: new[] { "CaseInstanceId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RemediationInstalments_CustomerId_DueDate",
                table: "RemediationInstalments",
                columns: new[] { "CustomerId", "DueDate" });

            migrationBuilder.CreateIndex(
                name: "IX_RemediationLetters_CaseInstanceId_Kind_InstalmentNumber",
                table: "RemediationLetters",
                columns: new[] { "CaseInstanceId", "Kind", "InstalmentNumber" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RemediationLetters_CustomerId_SentAt",
                table: "RemediationLetters",
                columns: new[] { "CustomerId", "SentAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RemediationCases");

            migrationBuilder.DropTable(
                name: "RemediationInstalments");

            migrationBuilder.DropTable(
                name: "RemediationLetters");

            migrationBuilder.DropIndex(
                name: "IX_CreditDecisions_RemediationInstanceId",
                table: "CreditDecisions");

            migrationBuilder.DropColumn(
                name: "RemediationInstanceId",
                table: "CreditDecisions");
        }
    }
}
