#!/usr/bin/env bash
# Drives one application through a running server with curl, from submission to an active
# customer on the low-risk tier (one credit analyst approves), then raises the customer's limit.
# Needs curl and jq. Every failure ends the script with one line saying what to do.
#
#   cd "$(mktemp -d)" && Bootstrap__AdminEmail=admin@example.com Bootstrap__AdminPassword='<choose one>' \
#     dotnet run --project <repository>/src/OnboardingWorkflow.Server -- --urls http://127.0.0.1:5080 &
#   ADMIN_EMAIL=admin@example.com ADMIN_PASSWORD='<the same>' bash deploy/scripts/demo-onboarding.sh
#
# BASE_URL (default http://127.0.0.1:5080) points the script at another server.
set -euo pipefail

base=${BASE_URL:-http://127.0.0.1:5080}
base=${base%/}
run=$(date +%s)
password=${DEMO_PASSWORD:-Demo-$run-Pw1!}
json='Content-Type: application/json'
step='checking the tools'

fail() { echo "demo-onboarding: $*" >&2; exit 1; }

for tool in curl jq; do
  command -v "$tool" > /dev/null || fail "$tool is not installed; install it (e.g. 'apt-get install $tool') and run again."
done
[ -n "${ADMIN_EMAIL:-}" ] || fail "set ADMIN_EMAIL to the first admin's e-mail (the server's Bootstrap__AdminEmail)."
[ -n "${ADMIN_PASSWORD:-}" ] || fail "set ADMIN_PASSWORD to the first admin's password (the server's Bootstrap__AdminPassword)."

body=$(mktemp)
pdf=$(mktemp --suffix=.pdf)
trap 'rm -f "$body" "$body.err" "$pdf"' EXIT

# request TOKEN METHOD PATH [curl options...]: prints the response body of a 2xx answer; anything
# else ends the script with one line: no server, or the problem's code and detail.
request() {
  local token=$1 method=$2 path=$3 status
  shift 3
  local auth=()
  [ -z "$token" ] || auth=(-H "Authorization: Bearer $token")
  if ! status=$(curl -sS --max-time 60 -o "$body" -w '%{http_code}' -X "$method" "${auth[@]}" "$@" "$base$path" 2> "$body.err"); then
    fail "no server answers at $base ($(tr -d '\n' < "$body.err")) while $step. Start one: cd \"\$(mktemp -d)\" && Bootstrap__AdminEmail=... Bootstrap__AdminPassword=... dotnet run --project src/OnboardingWorkflow.Server -- --urls $base & (or set BASE_URL)."
  fi
  case $status in
    2??) cat "$body" ;;
    *) fail "$step failed: HTTP $status $(problem). Fix the cause and run again; each run starts a new application." ;;
  esac
}

# The code and detail of a ProblemDetails answer (and its field errors), on one line.
problem() {
  if jq -e 'type == "object"' "$body" > /dev/null 2>&1; then
    # Field errors are added unless the detail already lists them.
    jq -r '(.detail // .title // "no detail") as $d | [(.errors // {})[][]] as $e
      | "code=\(.code // "none"): \($d)" + (if ($e | length) > 0 and ($d | contains($e[0]) | not) then " (\($e | join("; ")))" else "" end)' "$body"
  else
    printf 'with a body that is not a problem: %s' "$(head -c 200 "$body" | tr '\n' ' ')"
  fi
}

# login EMAIL PASSWORD: prints an access token. Sign-ins are throttled per account, so each user signs in once.
login() {
  local status
  if ! status=$(curl -sS --max-time 30 -o "$body" -w '%{http_code}' -X POST "$base/api/auth/login" -H "$json" \
      -d "$(jq -n --arg e "$1" --arg p "$2" '{email: $e, password: $p}')" 2> "$body.err"); then
    fail "no server answers at $base ($(tr -d '\n' < "$body.err")). Start one: cd \"\$(mktemp -d)\" && Bootstrap__AdminEmail=... Bootstrap__AdminPassword=... dotnet run --project src/OnboardingWorkflow.Server -- --urls $base & (or set BASE_URL)."
  fi
  case $status in
    200) jq -r .accessToken "$body" ;;
    401) fail "the server refused the sign-in of $1 (HTTP 401 $(problem)). Check ADMIN_EMAIL and ADMIN_PASSWORD: they must match Bootstrap__AdminEmail/Bootstrap__AdminPassword of the server's first start." ;;
    429) fail "too many sign-ins for $1 (HTTP 429): wait a minute and run again." ;;
    *) fail "signing in $1 failed: HTTP $status $(problem)." ;;
  esac
}

application() { request "$auditor" GET "/api/applications/$app"; }
task_of() {
  local id
  id=$(application | jq -r --arg e "$1" '[.waitingTasks[] | select(.elementId == $e) | .id][0] // empty')
  [ -n "$id" ] || fail "$step: the application waits at [$(application | jq -r '[.waitingTasks[].elementId] | join(", ")')], not at $1."
  echo "$id"
}
# complete TOKEN ELEMENT BODY: completes the application's waiting task ELEMENT.
complete() {
  local id
  step="completing $2"
  id=$(task_of "$2") || exit 1
  request "$1" POST "/api/tasks/$id/complete" -H "$json" -d "$3" > /dev/null
}

step='signing in the admin'
echo "1. admin signs in and creates a sales user, two analysts and an auditor"
admin=$(login "$ADMIN_EMAIL" "$ADMIN_PASSWORD")
step='creating the demo users'
for who in sales analyst analyst2 auditor; do
  case $who in sales) role=Sales ;; analyst*) role=CreditAnalyst ;; *) role=Auditor ;; esac
  request "$admin" POST /api/users -H "$json" \
    -d "{\"email\":\"$who-$run@example.com\",\"password\":\"$password\",\"roles\":[\"$role\"]}" > /dev/null
done
step='signing in the demo users'
sales=$(login "sales-$run@example.com" "$password")
analyst=$(login "analyst-$run@example.com" "$password")
analyst2=$(login "analyst2-$run@example.com" "$password")
auditor=$(login "auditor-$run@example.com" "$password")

step='submitting the application'
echo "2. sales submits the application (screened against the negative lists at once)"
app=$(request "$sales" POST /api/applications -H "$json" -d "{
  \"name\":\"Demo Trading Co. $run\",\"registrationNumber\":\"91DEMO$run\",\"foundedOn\":\"2005-01-01\",
  \"industry\":\"wholesale\",\"requestedLimit\":80000,\"termsDays\":30,\"expectedMonthlyPurchases\":100000}" | jq -r .application.id)
echo "   application $app"

step='uploading the documents'
echo "3. sales uploads the checklist and the financial statements"
printf '%%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%%%EOF\n' > "$pdf"
for type in BusinessLicence FinancialStatements BankReference; do
  request "$sales" POST "/api/applications/$app/documents" -F type=$type -F expiry=2030-12-31 -F "file=@$pdf;type=application/pdf" > /dev/null
done
step='entering the financial statements'
year() { echo "{\"year\":$1,\"cash\":3500000,\"receivables\":2000000,\"inventory\":1000000,\"currentAssets\":6500000,\"totalAssets\":$2,
  \"currentLiabilities\":2000000,\"totalLiabilities\":4000000,\"equity\":$3,\"retainedEarnings\":$4,\"revenue\":$5,\"costOfSales\":$6,
  \"operatingProfit\":$7,\"ebit\":$7,\"interestExpense\":100000,\"netIncome\":$8,\"operatingCashFlow\":$9}"; }
request "$sales" POST "/api/applications/$app/financial-statements" -H "$json" -d "{\"currency\":\"CNY\",\"years\":[
  $(year 2024 12000000 8000000 5000000 20000000 12000000 2500000 1800000 2000000),
  $(year 2025 13000000 9000000 6000000 24000000 14400000 3000000 2000000 2200000)]}" > /dev/null
complete "$sales" collectDocuments '{"comment":"checklist uploaded"}'

step='verifying the documents'
echo "4. the analyst verifies each document, finds them complete and records the due-diligence findings"
docs=$(application | jq -r '.documents[] | select(.verification != "Verified") | .id')
for doc in $docs; do
  request "$analyst" POST "/api/applications/$app/documents/$doc/verify" -H "$json" -d '{"reason":"original seen, matches the register"}' > /dev/null
done
complete "$analyst" reviewDocuments '{"decision":"complete","comment":"all verified"}'
complete "$analyst" recordFindings \
  '{"comment":"no adverse findings","variables":{"managementQuality":"strong","marketPosition":"leading","industryOutlook":"positive"}}'
application | jq '{stage: .application.stage, score: .score.score, grade: .score.grade, tier: .score.tier, recommendedLimit: .score.recommendedLimit}'

echo "5. the approver the authority matrix chose decides"
complete "$analyst" approveAnalyst '{"decision":"approve","comment":"within analyst authority"}'

step='uploading the signed contract'
echo "6. sales uploads the signed contract; the customer becomes active"
request "$sales" POST "/api/applications/$app/documents" -F type=SignedContract -F "file=@$pdf;type=application/pdf" > /dev/null
customer=$(application | jq -r .application.customerId)
request "$auditor" GET "/api/customers/$customer" | jq '{id, name, status, creditLimit: .profile.creditLimit, grade: .profile.grade}'

step='requesting a limit increase'
echo "7. sales asks for a higher limit; another analyst approves it"
change=$(request "$sales" POST "/api/customers/$customer/limit-changes" -H "$json" \
  -d '{"kind":"Increase","requestedLimit":100000,"reason":"more orders"}' | jq -r .id)
echo "   limit change $change"
step='approving the limit change'
task=$(request "$auditor" GET "/api/limit-changes/$change" | jq -r '[.waitingTasks[] | select(.elementId == "approveLimitAnalyst") | .id][0] // empty')
[ -n "$task" ] || fail "$step: the limit change waits at [$(request "$auditor" GET "/api/limit-changes/$change" | jq -r '[.waitingTasks[].elementId] | join(", ")')], not at an analyst's approval."
request "$analyst2" POST "/api/tasks/$task/complete" -H "$json" -d '{"decision":"approve","comment":"orders grew, within analyst authority"}' > /dev/null
request "$auditor" GET "/api/limit-changes/$change" | jq '{status, outcome, currentLimit, approvedLimit}'
request "$auditor" GET "/api/customers/$customer" | jq '.limitHistory'
