using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OnboardingWorkflow.Data.Migrations.SqlServer
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
                    CustomerId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Term = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false, collation: "Latin1_General_100_BIN2")
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
                name: "IX_LimitChangeRequests_RequestedLimit_InstanceId",
                table: "LimitChangeRequests",
                columns: new[] { "RequestedLimit", "InstanceId" });

            migrationBuilder.CreateIndex(
                name: "IX_Customers_Name_Id",
                table: "Customers",
                columns: new[] { "Name", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Applications_CustomerId_InstanceId",
                table: "Applications",
                columns: new[] { "CustomerId", "InstanceId" });

            migrationBuilder.CreateIndex(
                name: "IX_Applications_RequestedLimit_InstanceId",
                table: "Applications",
                columns: new[] { "RequestedLimit", "InstanceId" });

            migrationBuilder.CreateIndex(
                name: "IX_CustomerSearchTerms_CustomerId_Term",
                table: "CustomerSearchTerms",
                columns: new[] { "CustomerId", "Term" });

            // The search terms of the customers already stored (CustomerSearchTerm.TermsOf): the words
            // of the name, every suffix of a word with non-ASCII letters, the compact registration number.
            migrationBuilder.Sql($"""
                INSERT INTO [CustomerSearchTerms] ([Term], [CustomerId])
                SELECT LEFT(SUBSTRING(w.value, k.n, 4000), 64) COLLATE Latin1_General_100_BIN2, c.[Id]
                FROM [Customers] AS c
                CROSS APPLY STRING_SPLIT({Replace("LOWER(c.[Name]) COLLATE Latin1_General_100_BIN2", " ", c => $"NCHAR({(int)c})")}, N' ') AS w
                CROSS APPLY (SELECT TOP (CASE WHEN PATINDEX(N'%[^' + NCHAR(1) + N'-' + NCHAR(127) + N']%', w.value COLLATE Latin1_General_100_BIN2) > 0 THEN LEN(w.value) ELSE 1 END)
                    ROW_NUMBER() OVER (ORDER BY (SELECT NULL)) AS n FROM sys.all_columns) AS k
                WHERE w.value <> N''
                UNION
                SELECT LEFT({Replace("LOWER(c.[RegistrationNumber]) COLLATE Latin1_General_100_BIN2", "", c => $"NCHAR({(int)c})")}, 64) COLLATE Latin1_General_100_BIN2, c.[Id]
                FROM [Customers] AS c
                WHERE {Replace("c.[RegistrationNumber] COLLATE Latin1_General_100_BIN2", "", c => $"NCHAR({(int)c})")} <> N'';
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CustomerSearchTerms");

            migrationBuilder.DropIndex(
                name: "IX_WorkflowTasks_InstanceId_Status",
                table: "WorkflowTasks");

            migrationBuilder.DropIndex(
                name: "IX_LimitChangeRequests_CustomerId_Status_InstanceId",
                table: "LimitChangeRequests");

            migrationBuilder.DropIndex(
                name: "IX_LimitChangeRequests_RequestedLimit_InstanceId",
                table: "LimitChangeRequests");

            migrationBuilder.DropIndex(
                name: "IX_Customers_Name_Id",
                table: "Customers");

            migrationBuilder.DropIndex(
                name: "IX_Applications_CustomerId_InstanceId",
                table: "Applications");

            migrationBuilder.DropIndex(
                name: "IX_Applications_RequestedLimit_InstanceId",
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
