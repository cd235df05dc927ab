using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OnboardingWorkflow.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CustomerOwner : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Owner",
                table: "Customers",
                type: "TEXT",
                maxLength: 256,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Owner",
                table: "Customers");
        }
    }
}
