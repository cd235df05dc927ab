using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OnboardingWorkflow.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class EarlyWarning : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_CustomerOrders_CustomerId",
                table: "CustomerOrders");

            migrationBuilder.CreateTable(
                name: "EarlyWarningAlerts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CustomerId = table.Column<Guid>(type: "uuid", nullable: false),
                    Indicator = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Level = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Action = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Value = table.Column<double>(type: "double precision", nullable: false),
                    Threshold = table.Column<double>(type: "double precision", nullable: false),
                    Direction = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    PeriodStart = table.Column<DateOnly>(type: "date", nullable: false),
                    PeriodEnd = table.Column<DateOnly>(type: "date", nullable: false),
                    Explanation = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    EvidenceJson = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    PolicyVersion = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    RaisedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    RaisedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RunId = table.Column<Guid>(type: "uuid", nullable: false),
                    ReviewRequested = table.Column<bool>(type: "boolean", nullable: false),
                    HoldId = table.Column<Guid>(type: "uuid", nullable: true),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    AcknowledgedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    AcknowledgedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    AcknowledgeComment = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Revision = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EarlyWarningAlerts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EarlyWarningAlerts_Customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "Customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "EarlyWarningBaselines",
                columns: table => new
                {
                    CustomerId = table.Column<Guid>(type: "uuid", nullable: false),
                    TakenOn = table.Column<DateOnly>(type: "date", nullable: false),
                    DaysBeyondTerms = table.Column<double>(type: "double precision", nullable: true),
                    CollectionPeriodDays = table.Column<double>(type: "double precision", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EarlyWarningBaselines", x => x.CustomerId);
                    table.ForeignKey(
                        name: "FK_EarlyWarningBaselines_Customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "Customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "EarlyWarningRuns",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    AsOf = table.Column<DateOnly>(type: "date", nullable: false),
                    LastCustomerId = table.Column<Guid>(type: "uuid", nullable: true),
                    Batches = table.Column<int>(type: "integer", nullable: false),
                    CustomersEvaluated = table.Column<int>(type: "integer", nullable: false),
                    AlertsRaised = table.Column<int>(type: "integer", nullable: false),
                    ReviewsRequested = table.Column<int>(type: "integer", nullable: false),
                    HoldsPlaced = table.Column<int>(type: "integer", nullable: false),
                    RenewalsStarted = table.Column<int>(type: "integer", nullable: false),
                    StartedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    FinishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Revision = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EarlyWarningRuns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "QualificationRenewals",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CustomerId = table.Column<Guid>(type: "uuid", nullable: false),
                    DocumentId = table.Column<Guid>(type: "uuid", nullable: false),
                    DocumentType = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ExpiresOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Mandatory = table.Column<bool>(type: "boolean", nullable: false),
                    InstanceId = table.Column<Guid>(type: "uuid", nullable: false),
                    RaisedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ReviewRequestedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QualificationRenewals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_QualificationRenewals_Customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "Customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_QualificationRenewals_Documents_DocumentId",
                        column: x => x.DocumentId,
                        principalTable: "Documents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ReceivableItems_Kind_CustomerId_IssueDate_AmountMinor",
                table: "ReceivableItems",
                columns: new[] { "Kind", "CustomerId", "IssueDate", "AmountMinor" });

            migrationBuilder.CreateIndex(
                name: "IX_Customers_Status_Id",
                table: "Customers",
                columns: new[] { "Status", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_CustomerOrders_CustomerId_OrderDate_Status_AmountMinor",
                table: "CustomerOrders",
                columns: new[] { "CustomerId", "OrderDate", "Status", "AmountMinor" });

            migrationBuilder.CreateIndex(
                name: "IX_EarlyWarningAlerts_CustomerId_Indicator_RaisedOn",
                table: "EarlyWarningAlerts",
                columns: new[] { "CustomerId", "Indicator", "RaisedOn" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_EarlyWarningAlerts_Status_RaisedAt_Id",
                table: "EarlyWarningAlerts",
                columns: new[] { "Status", "RaisedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_EarlyWarningRuns_FinishedAt_StartedAt",
                table: "EarlyWarningRuns",
                columns: new[] { "FinishedAt", "StartedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_QualificationRenewals_CustomerId",
                table: "QualificationRenewals",
                column: "CustomerId");

            migrationBuilder.CreateIndex(
                name: "IX_QualificationRenewals_DocumentId_ExpiresOn",
                table: "QualificationRenewals",
                columns: new[] { "DocumentId", "ExpiresOn" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_QualificationRenewals_InstanceId",
                table: "QualificationRenewals",
                column: "InstanceId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "EarlyWarningAlerts");

            migrationBuilder.DropTable(
                name: "EarlyWarningBaselines");

            migrationBuilder.DropTable(
                name: "EarlyWarningRuns");

            migrationBuilder.DropTable(
                name: "QualificationRenewals");

            migrationBuilder.DropIndex(
                name: "IX_ReceivableItems_Kind_CustomerId_IssueDate_AmountMinor",
                table: "ReceivableItems");

            migrationBuilder.DropIndex(
                name: "IX_Customers_Status_Id",
                table: "Customers");

            migrationBuilder.DropIndex(
                name: "IX_CustomerOrders_CustomerId_OrderDate_Status_AmountMinor",
                table: "CustomerOrders");

            migrationBuilder.CreateIndex(
                name: "IX_CustomerOrders_CustomerId",
                table: "CustomerOrders",
                column: "CustomerId");
        }
    }
}
