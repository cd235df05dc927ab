using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OnboardingWorkflow.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class InboxSearchAndSort : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_WorkflowTasks_InstanceId",
                table: "WorkflowTasks");

            migrationBuilder.DropIndex(
                name: "IX_WorkflowTasks_Status_Assignee",
                table: "WorkflowTasks");

            migrationBuilder.DropIndex(
                name: "IX_LimitChangeRequests_CustomerId_Status",
                table: "LimitChangeRequests");

            migrationBuilder.DropIndex(
                name: "IX_Customers_Name",
                table: "Customers");

            migrationBuilder.DropIndex(
                name: "IX_Applications_CustomerId",
                table: "Applications");

            migrationBuilder.CreateTable(
                name: "CustomerSearchTerms",
                columns: table => new
                {
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Term = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CustomerSearchTerms", x => new { x.Term, x.CustomerId });
                    table.ForeignKey(
                        name: "FK_CustomerSearchTerms_Customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "Customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_WorkflowTasks_InstanceId_Status",
                table: "WorkflowTasks",
                columns: new[] { "InstanceId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_LimitChangeRequests_CustomerId_Status_InstanceId",
                table: "LimitChangeRequests",
                columns: new[] { "CustomerId", "Status", "InstanceId" });

            migrationBuilder.CreateIndex(
                name: "IX_Customers_Name_Id",
                table: "Customers",
                columns: new[] { "Name", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Applications_CustomerId_InstanceId",
                table: "Applications",
                columns: new[] { "CustomerId", "InstanceId" });

            migrationBuilder.CreateIndex(
                name: "IX_CustomerSearchTerms_CustomerId_Term",
                table: "CustomerSearchTerms",
                columns: new[] { "CustomerId", "Term" });

            // The search terms of the customers already stored (CustomerSearchTerm.TermsOf): the words
            // of the name, every suffix of a word with non-ASCII letters, the compact registration number.
            // SQLite's lower() folds ASCII letters only: a stored name in other capitals is found again
            // once it is saved through the application.
            migrationBuilder.Sql($"""
                WITH RECURSIVE
                split("CustomerId", "Word", "Rest") AS (
                    SELECT "Id", '', {Replace("lower(\"Name\")", " ", c => $"char({(int)c})")} || ' ' FROM "Customers"
                    UNION ALL
                    SELECT "CustomerId", substr("Rest", 1, instr("Rest", ' ') - 1), substr("Rest", instr("Rest", ' ') + 1) FROM split WHERE "Rest" <> ''),
                suffix("CustomerId", "Term", "Wide") AS (
                    SELECT "CustomerId", "Word", length(CAST("Word" AS BLOB)) <> length("Word") FROM split WHERE "Word" <> ''
                    UNION ALL
                    SELECT "CustomerId", substr("Term", 2), "Wide" FROM suffix WHERE "Wide" AND length("Term") > 1)
                INSERT OR IGNORE INTO "CustomerSearchTerms" ("Term", "CustomerId")
                SELECT substr("Term", 1, 64), "CustomerId" FROM suffix
                UNION
                SELECT substr({Replace("lower(\"RegistrationNumber\")", "", c => $"char({(int)c})")}, 1, 64), "Id" FROM "Customers"
                WHERE {Replace("\"RegistrationNumber\"", "", c => $"char({(int)c})")} <> '';
                """);

            // The inbox sorts by requested amount as a number; SQLite keeps decimals as text.
            migrationBuilder.Sql("CREATE INDEX \"IX_Applications_RequestedLimitNumber_InstanceId\" ON \"Applications\" (CAST(\"RequestedLimit\" AS REAL), \"InstanceId\");");
            migrationBuilder.Sql("CREATE INDEX \"IX_LimitChangeRequests_RequestedLimitNumber_InstanceId\" ON \"LimitChangeRequests\" (CAST(\"RequestedLimit\" AS REAL), \"InstanceId\");");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX \"IX_Applications_RequestedLimitNumber_InstanceId\";");
            migrationBuilder.Sql("DROP INDEX \"IX_LimitChangeRequests_RequestedLimitNumber_InstanceId\";");
            migrationBuilder.DropTable(
                name: "CustomerSearchTerms");

            migrationBuilder.DropIndex(
                name: "IX_WorkflowTasks_InstanceId_Status",
                table: "WorkflowTasks");

            migrationBuilder.DropIndex(
                name: "IX_LimitChangeRequests_CustomerId_Status_InstanceId",
                table: "LimitChangeRequests");

            migrationBuilder.DropIndex(
                name: "IX_Customers_Name_Id",
                table: "Customers");

            migrationBuilder.DropIndex(
                name: "IX_Applications_CustomerId_InstanceId",
                table: "Applications");

            migrationBuilder.CreateIndex(
                name: "IX_WorkflowTasks_InstanceId",
                table: "WorkflowTasks",
                column: "InstanceId");

            migrationBuilder.CreateIndex(
                name: "IX_WorkflowTasks_Status_Assignee",
                table: "WorkflowTasks",
                columns: new[] { "Status", "Assignee" });

            migrationBuilder.CreateIndex(
                name: "IX_LimitChangeRequests_CustomerId_Status",
                table: "LimitChangeRequests",
                columns: new[] { "CustomerId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Customers_Name",
                table: "Customers",
                column: "Name");

            migrationBuilder.CreateIndex(
                name: "IX_Applications_CustomerId",
                table: "Applications",
                column: "CustomerId");
        }

        // The separators of CustomerSearchTerm.Separators as they were when this migration was
        // written: the migration must split names the same way forever, whatever the code does later.
        private const string Separators = " \t\r\n!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~（）【】《》「」『』、，。；：！？·　";

        private static string Replace(string expression, string with, System.Func<int, string> character)
        {
            foreach (var c in Separators)
            {
                if (c != ' ' || with.Length == 0)
                {
                    expression = $"replace({expression}, {character(c)}, '{with}')";
                }
            }

            return expression;
        }
    }
}
