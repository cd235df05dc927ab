using System.Reflection;
using System.Xml.Linq;
using OnboardingWorkflow.Application.Dunning;
using OnboardingWorkflow.Application.EarlyWarning;
using OnboardingWorkflow.Application.LimitChanges;
using OnboardingWorkflow.Application.Onboarding;
using OnboardingWorkflow.Application.Remediation;
using OnboardingWorkflow.Application.Reviews;

namespace OnboardingWorkflow.Application.Tests.Processes;

/// <summary>The element ids, form fields and messages the code names exist in the shipped BPMN files, where the code expects them.</summary>
public sealed class ProcessNamesFacts
{
    private static readonly XNamespace Bpmn = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    private static readonly XNamespace Camunda = "http://camunda.org/schema/1.0/bpmn";

    private static readonly string[] ShippedFlows = ["customer-onboarding.bpmn", "credit-limit-change.bpmn", "overdue-escalation.bpmn", "periodic-review.bpmn", "qualification-renewal.bpmn", "risk-remediation.bpmn"];

    private static XDocument Load(string file) => XDocument.Load(Path.Combine(AppContext.BaseDirectory, "workflows", file), LoadOptions.SetLineInfo);

    private static XElement Element(XDocument document, string id) =>
        document.Descendants().SingleOrDefault(e => (string?)e.Attribute("id") == id) ?? throw new Xunit.Sdk.XunitException($"no element with id '{id}'");

    private static IEnumerable<string> Constants(Type type) =>
        type.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral && f.FieldType == typeof(string)).Select(f => (string)f.GetRawConstantValue()!);

    private static IReadOnlyList<string> FormFields(XElement task) =>
        task.Descendants(Camunda + "formField").Select(f => (string)f.Attribute("id")!).ToList();

    [Fact]
    public void Every_onboarding_task_the_code_names_is_a_user_task_with_a_contract()
    {
        var document = Load("customer-onboarding.bpmn");
        Assert.Equal(OnboardingProcess.Key, (string?)document.Root!.Element(Bpmn + "process")!.Attribute("id"));
        foreach (var id in OnboardingProcess.Tasks.All)
        {
            var task = Element(document, id);
            Assert.Equal("userTask", task.Name.LocalName);
            Assert.NotNull(task.Descendants(Camunda + "formData").SingleOrDefault());
        }

        Assert.Equal("receiveTask", Element(document, OnboardingProcess.AwaitSignedContract).Name.LocalName);
        Assert.Equal("${withdrawApplication}", (string?)Element(document, OnboardingProcess.WithdrawApplication).Attribute(Camunda + "delegateExpression"));
        Assert.All(OnboardingProcess.Endings.All, id => Assert.Equal("${notifyMaker}", (string?)Element(document, id).Attribute(Camunda + "delegateExpression")));
        Assert.Contains(document.Root!.Elements(Bpmn + "message"), m => (string?)m.Attribute("name") == OnboardingProcess.ContractSignedMessage);
    }

    [Fact]
    public void Every_user_task_of_the_shipped_flows_declares_a_contract()
    {
        foreach (var file in ShippedFlows)
        {
            var tasks = Load(file).Descendants(Bpmn + "userTask").ToList();
            Assert.NotEmpty(tasks);
            Assert.All(tasks, t => Assert.True(t.Descendants(Camunda + "formData").Any(), $"{file}: user task {(string?)t.Attribute("id")} has no camunda:formData"));
        }
    }

    [Fact]
    public void The_fields_the_code_reads_are_declared_by_the_tasks_that_set_them()
    {
        var document = Load("customer-onboarding.bpmn");
        foreach (var id in OnboardingProcess.Tasks.Approvals)
        {
            Assert.Equal([OnboardingProcess.Fields.Decision, OnboardingProcess.Fields.ApprovedLimit, OnboardingProcess.Fields.LimitReason], FormFields(Element(document, id)));
        }

        Assert.Equal([OnboardingProcess.Fields.Decision, OnboardingProcess.Fields.ReturnReason], FormFields(Element(document, OnboardingProcess.Tasks.ReviewDocuments)));
        var findings = FormFields(Element(document, OnboardingProcess.Tasks.RecordFindings));
        Assert.All(OnboardingProcess.Fields.Questionnaire, q => Assert.Contains(q, findings));
        Assert.Contains(OnboardingProcess.Fields.InBankruptcy, findings);
        Assert.Contains(OnboardingProcess.Fields.ForgedDocuments, findings);

        var decisions = Element(document, OnboardingProcess.Tasks.ApproveManager).Descendants(Camunda + "value").Select(v => (string)v.Attribute("id")!);
        Assert.Equal([OnboardingProcess.Decisions.Approve, OnboardingProcess.Decisions.Reject, OnboardingProcess.Decisions.RequestInfo], decisions);
        var review = Element(document, OnboardingProcess.Tasks.ReviewDocuments).Descendants(Camunda + "value").Select(v => (string)v.Attribute("id")!);
        Assert.Equal([OnboardingProcess.Decisions.DocumentsComplete, OnboardingProcess.Decisions.DocumentsReturned], review);
    }

    [Fact]
    public void No_task_contract_declares_a_variable_the_process_sets_itself()
    {
        var protectedNames = Constants(typeof(OnboardingProcess.Start)).Concat(Constants(typeof(OnboardingProcess.Variables)))
            .Concat(Constants(typeof(LimitChangeProcess.Start))).Concat(Constants(typeof(LimitChangeProcess.Variables)))
            .Concat(Constants(typeof(EscalationProcess.Start))).Append(EscalationProcess.Variables.PromisedUntil)
            .Concat(Constants(typeof(RemediationProcess.Start))).Concat(Constants(typeof(RemediationProcess.Variables))).ToHashSet();
        foreach (var file in ShippedFlows)
        {
            var declared = Load(file).Descendants(Camunda + "formField").Select(f => (string)f.Attribute("id")!);
            Assert.DoesNotContain(declared, protectedNames.Contains);
        }
    }

    [Fact]
    public void Maker_checker_properties_are_on_every_decision_task()
    {
        var onboarding = Load("customer-onboarding.bpmn");
        string? Property(XDocument d, string id, string name) => Element(d, id).Descendants(Camunda + "property")
            .Where(p => (string?)p.Attribute("name") == name).Select(p => (string?)p.Attribute("value")).SingleOrDefault();
        foreach (var id in OnboardingProcess.Tasks.Approvals)
        {
            Assert.Equal("true", Property(onboarding, id, "fourEyes"));
        }

        foreach (var id in new[] { OnboardingProcess.Tasks.ReviewDocuments, OnboardingProcess.Tasks.RecordFindings, OnboardingProcess.Tasks.SiteVisit })
        {
            Assert.Equal("maker", Property(onboarding, id, "fourEyes"));
        }

        Assert.Equal("new", Property(onboarding, OnboardingProcess.Tasks.CollectDocuments, "fourEyesRound"));
        var limits = Load("credit-limit-change.bpmn");
        Assert.Equal(LimitChangeProcess.Key, (string?)limits.Root!.Element(Bpmn + "process")!.Attribute("id"));
        foreach (var id in LimitChangeProcess.Tasks.Approvals)
        {
            Assert.Equal("true", Property(limits, id, "fourEyes"));
        }

        Assert.Equal("intermediateCatchEvent", Element(limits, LimitChangeProcess.TemporaryLimitEnds).Name.LocalName);
    }

    [Fact]
    public void Every_handler_name_in_the_flows_is_registered()
    {
        var services = new Microsoft.Extensions.DependencyInjection.ServiceCollection();
        services.AddOnboardingApplication();
        // A handler's name is a constant of its type: read it without building its dependencies.
        var names = services.Where(s => s.ServiceType == typeof(IOnboardingTaskHandler))
            .Select(s => ((IOnboardingTaskHandler)System.Runtime.CompilerServices.RuntimeHelpers.GetUninitializedObject(s.ImplementationType!)).Name)
            .ToHashSet();
        foreach (var file in ShippedFlows)
        {
            var used = Load(file).Descendants().Select(e => (string?)e.Attribute(Camunda + "delegateExpression")).Where(v => v is not null)
                .Select(v => v!.Trim('$', '{', '}')).Distinct();
            Assert.All(used, name => Assert.Contains(name, names));
        }
    }

    [Fact]
    public void The_escalation_names_the_code_uses_are_in_its_flow()
    {
        var document = Load("overdue-escalation.bpmn");
        Assert.Equal(EscalationProcess.Key, (string?)document.Root!.Element(Bpmn + "process")!.Attribute("id"));
        var messages = document.Root!.Elements(Bpmn + "message").Select(m => (string?)m.Attribute("name")).ToList();
        Assert.All(Constants(typeof(EscalationProcess.Messages)), name => Assert.Contains(name, messages));
        foreach (var id in EscalationProcess.Tasks.FollowUps)
        {
            Assert.Equal([EscalationProcess.Variables.Outcome, EscalationProcess.Variables.PromisedDate, "note"], FormFields(Element(document, id)));
            var outcomes = Element(document, id).Descendants(Camunda + "value").Select(v => (string)v.Attribute("id")!);
            Assert.Contains(EscalationProcess.Promised, outcomes);
        }

        Assert.Equal("userTask", Element(document, EscalationProcess.Tasks.HandOverToLegal).Name.LocalName);
        var letters = document.Descendants(Camunda + "property").Where(p => (string?)p.Attribute("name") == EscalationProcess.LetterProperty)
            .Select(p => (string)p.Attribute("value")!).ToList();
        Assert.Equal(["Reminder", "FormalNotice", "LegalHandOver"], letters);
        Assert.All(letters, l => Assert.True(Enum.TryParse<OnboardingWorkflow.Data.Domain.DunningLetterKind>(l, out _)));
    }

    [Fact]
    public void The_review_names_the_code_uses_are_in_its_flow()
    {
        var document = Load("periodic-review.bpmn");
        Assert.Equal(ReviewProcess.Key, (string?)document.Root!.Element(Bpmn + "process")!.Attribute("id"));
        var statements = Element(document, ReviewProcess.Tasks.CollectStatements);
        Assert.Equal("userTask", statements.Name.LocalName);
        Assert.Equal([ReviewProcess.Fields.Statements, ReviewProcess.Fields.Note], FormFields(statements));
        var choices = statements.Descendants(Camunda + "value").Select(v => (string)v.Attribute("id")!);
        Assert.Equal([ReviewProcess.Fields.Submitted, ReviewProcess.Fields.Unavailable], choices);
        foreach (var id in ReviewProcess.Tasks.Approvals)
        {
            var task = Element(document, id);
            Assert.Equal([OnboardingProcess.Fields.Decision, OnboardingProcess.Fields.ApprovedLimit, ReviewProcess.Fields.ApprovedTermsDays, OnboardingProcess.Fields.LimitReason],
                FormFields(task));
            Assert.Contains(task.Descendants(Camunda + "property"), p => (string?)p.Attribute("name") == "fourEyes" && (string?)p.Attribute("value") == "true");
        }

        foreach (var id in new[] { ReviewProcess.Timers.StatementsReminder, ReviewProcess.Timers.StatementsDeadline })
        {
            var timer = Element(document, id);
            Assert.Equal("boundaryEvent", timer.Name.LocalName);
            Assert.Equal(ReviewProcess.Tasks.CollectStatements, (string?)timer.Attribute("attachedToRef"));
        }

        var mails = document.Descendants(Camunda + "property").Where(p => (string?)p.Attribute("name") == ReviewProcess.MailProperty)
            .Select(p => (string)p.Attribute("value")!).ToList();
        Assert.Equal(["Request", "Reminder"], mails);
        Assert.All(mails, m => Assert.True(Enum.TryParse<ReviewMailKind>(m, out _)));
    }

    [Fact]
    public void The_qualification_renewal_names_the_code_uses_are_in_its_flow()
    {
        var document = Load("qualification-renewal.bpmn");
        Assert.Equal(QualificationProcess.Key, (string?)document.Root!.Element(Bpmn + "process")!.Attribute("id"));
        var task = Element(document, QualificationProcess.Tasks.RenewQualification);
        Assert.Equal("userTask", task.Name.LocalName);
        Assert.Equal(["outcome", "newExpiresOn", "note"], FormFields(task));
        Assert.Equal("${" + QualificationProcess.Start.AccountOwner + "}", (string?)task.Attribute(Camunda + "candidateUsers"));
    }

    [Fact]
    public void The_remediation_names_the_code_uses_are_in_its_flow()
    {
        var document = Load("risk-remediation.bpmn");
        Assert.Equal(RemediationProcess.Key, (string?)document.Root!.Element(Bpmn + "process")!.Attribute("id"));
        var messages = document.Root!.Elements(Bpmn + "message").Select(m => (string?)m.Attribute("name")).ToList();
        Assert.All(Constants(typeof(RemediationProcess.Messages)), name => Assert.Contains(name, messages));
        var decide = Element(document, RemediationProcess.Tasks.Decide);
        Assert.Equal([RemediationProcess.Fields.Option, RemediationProcess.Fields.WriteDownAmount, RemediationProcess.Fields.Reason, RemediationProcess.Fields.Note], FormFields(decide));
        Assert.Equal([RemediationProcess.Options.PaymentPlan, RemediationProcess.Options.Restructuring, RemediationProcess.Options.LegalAction, RemediationProcess.Options.WriteOff],
            decide.Descendants(Camunda + "value").Select(v => (string)v.Attribute("id")!));
        var legal = Element(document, RemediationProcess.Tasks.RecordLegalOutcome);
        Assert.Equal([RemediationProcess.Fields.Option, RemediationProcess.Fields.LegalReference, RemediationProcess.Fields.Reason, RemediationProcess.Fields.Note], FormFields(legal));
        Assert.Equal([RemediationProcess.Options.Recovered, RemediationProcess.Options.WriteOff], legal.Descendants(Camunda + "value").Select(v => (string)v.Attribute("id")!));
        foreach (var id in RemediationProcess.Tasks.Approvals)
        {
            var task = Element(document, id);
            Assert.Equal([RemediationProcess.Fields.Decision, RemediationProcess.Fields.Note], FormFields(task));
            Assert.Contains(task.Descendants(Camunda + "property"), p => (string?)p.Attribute("name") == "fourEyes" && (string?)p.Attribute("value") == "true");
        }

        foreach (var id in new[] { RemediationProcess.Timers.ReminderDue, RemediationProcess.Timers.GraceOver })
        {
            Assert.Equal("intermediateCatchEvent", Element(document, id).Name.LocalName);
            Assert.NotNull(Element(document, id).Element(Bpmn + "timerEventDefinition"));
        }

        var letters = document.Descendants(Camunda + "property").Where(p => (string?)p.Attribute("name") == RemediationProcess.LetterProperty)
            .Select(p => (string)p.Attribute("value")!).ToList();
        Assert.All(letters, l => Assert.True(Enum.TryParse<OnboardingWorkflow.Data.Domain.RemediationLetterKind>(l, out _)));

        // The escalation's collection task hands over to remediation; its handler ends the escalation.
        var escalation = Load("overdue-escalation.bpmn");
        Assert.Contains(EscalationProcess.Remediation,
            Element(escalation, EscalationProcess.Tasks.CollectOverdue).Descendants(Camunda + "value").Select(v => (string)v.Attribute("id")!));
        Assert.DoesNotContain(EscalationProcess.Remediation,
            Element(escalation, EscalationProcess.Tasks.CallCustomer).Descendants(Camunda + "value").Select(v => (string)v.Attribute("id")!));
        Assert.Equal("${handOverToRemediation}", (string?)Element(escalation, "handOverToRemediation").Attribute(Camunda + "delegateExpression"));
    }
}
