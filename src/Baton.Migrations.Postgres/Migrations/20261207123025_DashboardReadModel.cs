using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Baton.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class DashboardReadModel : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "dashboard_clocks",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    DealId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Clock = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    StartedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    DueAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Outcome = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    MissedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    EscalatedTo = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_dashboard_clocks", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "dashboard_cursor",
                columns: table => new
                {
                    Name = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    LastEventId = table.Column<long>(type: "bigint", nullable: false),
                    RefreshedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_dashboard_cursor", x => x.Name);
                });

            migrationBuilder.CreateTable(
                name: "dashboard_fields",
                columns: table => new
                {
                    DealId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Requirement = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Verdict = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    FlaggedJunk = table.Column<bool>(type: "boolean", nullable: false),
                    Rediscovered = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_dashboard_fields", x => new { x.DealId, x.Key });
                });

            migrationBuilder.CreateTable(
                name: "dashboard_handoffs",
                columns: table => new
                {
                    DealId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    AccountName = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    ClosedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ClosedMonth = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: false),
                    Segment = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Team = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    AeId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    CsmId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    HandoffType = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Arr = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    CsStage = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    CsStageSinceUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CsStagesEntered = table.Column<string>(type: "text", nullable: false),
                    Open = table.Column<bool>(type: "boolean", nullable: false),
                    RefusalsAtClose = table.Column<int>(type: "integer", nullable: false),
                    CompleteAtClose = table.Column<bool>(type: "boolean", nullable: false),
                    MissingNow = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    DaysToFirstContact = table.Column<double>(type: "double precision", nullable: true),
                    DaysToKickoff = table.Column<double>(type: "double precision", nullable: true),
                    DaysToContractSent = table.Column<double>(type: "double precision", nullable: true),
                    DaysToContractSigned = table.Column<double>(type: "double precision", nullable: true),
                    Rejections = table.Column<int>(type: "integer", nullable: false),
                    RejectedNow = table.Column<bool>(type: "boolean", nullable: false),
                    RejectionReasons = table.Column<string>(type: "text", nullable: false),
                    Stars = table.Column<int>(type: "integer", nullable: true),
                    MissedClocks = table.Column<int>(type: "integer", nullable: false),
                    AcceptedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    WarmCallAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    HoldbackReleasedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    HoldbackWaitingFor = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_dashboard_handoffs", x => x.DealId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_dashboard_clocks_DealId",
                table: "dashboard_clocks",
                column: "DealId");

            migrationBuilder.CreateIndex(
                name: "IX_dashboard_handoffs_AeId_ClosedAtUtc",
                table: "dashboard_handoffs",
                columns: new[] { "AeId", "ClosedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_dashboard_handoffs_ClosedAtUtc",
                table: "dashboard_handoffs",
                column: "ClosedAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_dashboard_handoffs_Open_ClosedAtUtc",
                table: "dashboard_handoffs",
                columns: new[] { "Open", "ClosedAtUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "dashboard_clocks");

            migrationBuilder.DropTable(
                name: "dashboard_cursor");

            migrationBuilder.DropTable(
                name: "dashboard_fields");

            migrationBuilder.DropTable(
                name: "dashboard_handoffs");
        }
    }
}
