#!/usr/bin/env bash
# Drives one application through the running server with curl, from submission to an active
# customer on the low-risk tier (one credit analyst approves). Needs curl and jq.
#
#   Bootstrap__AdminEmail=admin@example.com Bootstrap__AdminPassword='<choose one>' \
#     dotnet run --project src/OnboardingWorkflow.Server &
#   ADMIN_EMAIL=admin@example.com ADMIN_PASSWORD='<the same>' bash deploy/scripts/demo-onboarding.sh
set -euo pipefail

base=${BASE_URL:-http://127.0.0.1:5080}
: "${ADMIN_EMAIL:?set ADMIN_EMAIL to the first admin's e-mail}"
: "${ADMIN_PASSWORD:?set ADMIN_PASSWORD to the first admin's password}"
password=${DEMO_PASSWORD:-Demo-$(date +%s)-Pw1!}
run=$(date +%s)
json='Content-Type: application/json'

login() { curl -sf -X POST "$base/api/auth/login" -H "$json" -d "{\"email\":\"$1\",\"password\":\"$2\"}" | jq -r .accessToken; }
call() { local token=$1; shift; curl -sf -H "Authorization: Bearer $token" "$@"; }
task_of() { call "$auditor" "$base/api/applications/$app" | jq -r --arg e "$1" '.waitingTasks[] | select(.elementId == $e) | .id' | head -n 1; }
complete() { call "$1" -X POST "$base/api/tasks/$2/complete" -H "$json" -d "$3" > /dev/null; }

echo "1. admin signs in and creates a sales user, an analyst and an auditor"
admin=$(login "$ADMIN_EMAIL" "$ADMIN_PASSWORD")
for who in sales analyst auditor; do
  role=$([ $who = sales ] && echo Sales || ([ $who = analyst ] && echo CreditAnalyst || echo Auditor))
  call "$admin" -X POST "$base/api/users" -H "$json" \
    -d "{\"email\":\"$who-$run@example.com\",\"password\":\"$password\",\"roles\":[\"$role\"]}" > /dev/null
done
sales=$(login "sales-$run@example.com" "$password")
analyst=$(login "analyst-$run@example.com" "$password")
auditor=$(login "auditor-$run@example.com" "$password")

echo "2. sales submits the application"
app=$(call "$sales" -X POST "$base/api/applications" -H "$json" -d "{
  \"name\":\"Demo Trading Co. $run\",\"registrationNumber\":\"91DEMO$run\",\"foundedOn\":\"2005-01-01\",
  \"industry\":\"wholesale\",\"requestedLimit\":80000,\"termsDays\":30,\"expectedMonthlyPurchases\":100000}" | jq -r .application.id)
echo "   application $app"

echo "3. sales uploads the checklist and the financial statements"
pdf=$(mktemp --suffix=.pdf)
printf '%%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%%%EOF\n' > "$pdf"
for type in BusinessLicence FinancialStatements BankReference; do
  call "$sales" -X POST "$base/api/applications/$app/documents" -F type=$type -F expiry=2030-12-31 -F "file=@$pdf;type=application/pdf" > /dev/null
done
year() { echo "{\"year\":$1,\"cash\":3500000,\"receivables\":2000000,\"inventory\":1000000,\"currentAssets\":6500000,\"totalAssets\":$2,
  \"currentLiabilities\":2000000,\"totalLiabilities\":4000000,\"equity\":$3,\"retainedEarnings\":$4,\"revenue\":$5,\"costOfSales\":$6,
  \"operatingProfit\":$7,\"ebit\":$7,\"interestExpense\":100000,\"netIncome\":$8,\"operatingCashFlow\":$9}"; }
call "$sales" -X POST "$base/api/applications/$app/financial-statements" -H "$json" -d "{\"currency\":\"CNY\",\"years\":[
  $(year 2024 12000000 8000000 5000000 20000000 12000000 2500000 1800000 2000000),
  $(year 2025 13000000 9000000 6000000 24000000 14400000 3000000 2000000 2200000)]}" > /dev/null
complete "$sales" "$(task_of collectDocuments)" '{"comment":"checklist uploaded"}'

echo "4. the analyst verifies the documents and records the due-diligence findings"
complete "$analyst" "$(task_of reviewDocuments)" '{"decision":"approve","comment":"all verified"}'
complete "$analyst" "$(task_of recordFindings)" \
  '{"comment":"no adverse findings","variables":{"questionnaire":{"managementQuality":"strong","marketPosition":"leading","industryOutlook":"positive"}}}'
call "$auditor" "$base/api/applications/$app" | jq '{stage: .application.stage, score: .score}'

echo "5. the approver the authority matrix chose decides"
complete "$analyst" "$(task_of approveAnalyst)" '{"decision":"approve","comment":"within analyst authority"}'

echo "6. sales uploads the signed contract; the customer becomes active"
call "$sales" -X POST "$base/api/applications/$app/documents" -F type=SignedContract -F "file=@$pdf;type=application/pdf" > /dev/null
rm -f "$pdf"
customer=$(call "$auditor" "$base/api/applications/$app" | jq -r .application.customerId)
call "$auditor" "$base/api/customers/$customer" | jq .
