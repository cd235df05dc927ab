using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OnboardingWorkflow.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class LimitChanges : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_CreditDecisions_Applications_ApplicationId",
                table: "CreditDecisions");

            migrationBuilder.AddColumn<decimal>(
                name: "LimitAfterTemporary",
                table: "CreditProfiles",
                type: "numeric(18,2)",
                precision: 18,
                scale: 2,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "TemporaryUntil",
                table: "CreditProfiles",
                type: "date",
                nullable: true);

            migrationBuilder.AlterColumn<Guid>(
                name: "ApplicationId",
                table: "CreditDecisions",
                type: "uuid",
                nullable: true,
                oldClrType: typeof(Guid),
                oldType: "uuid");

            migrationBuilder.AddColumn<Guid>(
                name: "LimitChangeId",
                table: "CreditDecisions",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CreditLimitHistory",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CustomerId = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: true),
                    Source = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    PreviousLimit = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    NewLimit = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    ValidUntil = table.Column<DateOnly>(type: "date", nullable: true),
                    DecidedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    PolicyVersion = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    EffectiveAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CreditLimitHistory", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CreditLimitHistory_Customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "Customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "LimitChangeRequests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CustomerId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    CurrentLimit = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    RequestedLimit = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    TemporaryUntil = table.Column<DateOnly>(type: "date", nullable: true),
                    Reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    RequestedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    StatementsJson = table.Column<string>(type: "character varying(200000)", maxLength: 200000, nullable: true),
                    InstanceId = table.Column<Guid>(type: "uuid", nullable: true),
                    RecommendedLimit = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    ApprovedLimit = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    Outcome = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    DecidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LimitChangeRequests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LimitChangeRequests_Customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "Customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CreditDecisions_LimitChangeId",
                table: "CreditDecisions",
                column: "LimitChangeId");

            migrationBuilder.CreateIndex(
                name: "IX_CreditLimitHistory_CustomerId_EffectiveAt",
                table: "CreditLimitHistory",
                columns: new[] { "CustomerId", "EffectiveAt" });

            migrationBuilder.CreateIndex(
                name: "IX_LimitChangeRequests_CustomerId_Status",
                table: "LimitChangeRequests",
                columns: new[] { "CustomerId", "Status" });

            migrationBuilder.AddForeignKey(
                name: "FK_CreditDecisions_Applications_ApplicationId",
                table: "CreditDecisions",
                column: "ApplicationId",
                principalTable: "Applications",
                principalColumn: "Id");

            migrationBuilder.AddForeignKey(
                name: "FK_CreditDecisions_LimitChangeRequests_LimitChangeId",
                table: "CreditDecisions",
                column: "LimitChangeId",
                principalTable: "LimitChangeRequests",
                principalColumn: "Id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_CreditDecisions_Applications_ApplicationId",
                table: "CreditDecisions");

            migrationBuilder.DropForeignKey(
                name: "FK_CreditDecisions_LimitChangeRequests_LimitChangeId",
                table: "CreditDecisions");

            migrationBuilder.DropTable(
                name: "CreditLimitHistory");

            migrationBuilder.DropTable(
                name: "LimitChangeRequests");

            migrationBuilder.DropIndex(
                name: "IX_CreditDecisions_LimitChangeId",
                table: "CreditDecisions");

            migrationBuilder.DropColumn(
                name: "LimitAfterTemporary",
                table: "CreditProfiles");

            migrationBuilder.DropColumn(
                name: "TemporaryUntil",
                table: "CreditProfiles");

            migrationBuilder.DropColumn(
                name: "LimitChangeId",
                table: "CreditDecisions");

            migrationBuilder.AlterColumn<Guid>(
                name: "ApplicationId",
                table: "CreditDecisions",
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"),
                oldClrType: typeof(Guid),
                oldType: "uuid",
                oldNullable: true);

            migrationBuilder.AddForeignKey(
                name: "FK_CreditDecisions_Applications_ApplicationId",
                table: "CreditDecisions",
                column: "ApplicationId",
                principalTable: "Applications",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);
        }
    }
}
