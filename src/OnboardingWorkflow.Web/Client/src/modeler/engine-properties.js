// Trims the Camunda 7 properties panel to what OnboardingWorkflow.Engine runs (see its BpmnParser):
// a field the engine ignores would let an admin configure behaviour that never happens.
// Registered below the Camunda provider's priority (500), so it sees that provider's groups.
import { CheckboxEntry, SelectEntry, TextFieldEntry, isCheckboxEntryEdited, isSelectEntryEdited, isTextFieldEntryEdited } from '@bpmn-io/properties-panel';
import { useService } from 'bpmn-js-properties-panel';
import { getBusinessObject, is, isAny } from 'bpmn-js/lib/util/ModelUtil';

const PRIORITY = 100;

/** Groups of Camunda 7 features the engine never reads. */
export const hiddenGroups = new Set([
  'CamundaPlatform__ExecutionListener', // no listeners of any kind (class, expression, script)
  'CamundaPlatform__TaskListener',
  'CamundaPlatform__FieldInjection', // Java delegates' field injection
  'CamundaPlatform__ConnectorInput', // Camunda Connect
  'CamundaPlatform__ConnectorOutput',
  'CamundaPlatform__ExternalTask', // external task priority
  'CamundaPlatform__JobExecution', // retry time cycle, job priority
  'CamundaPlatform__Input', // camunda:inputOutput
  'CamundaPlatform__Output',
  'CamundaPlatform__HistoryCleanup', // historyTimeToLive
  'CamundaPlatform__Tasklist', // isStartableInTasklist
  'CamundaPlatform__CandidateStarter',
  'CamundaPlatform__StartInitiator', // camunda:initiator
  'CamundaPlatform__BusinessKey', // camunda:in businessKey is skipped
  'CamundaPlatform__Errors', // camunda:errorEventDefinition of external tasks
]);

/** Single entries of groups that stay, for attributes the engine ignores. */
export const hiddenEntries = new Set([
  'asynchronousContinuationAfter', 'exclusive', // only camunda:asyncBefore is read
  'multiInstanceAsynchronousBefore', 'multiInstanceAsynchronousAfter', 'multiInstanceExclusive', 'multiInstanceRetryTimeCycle',
  'calledElementBinding', 'calledElementVersion', 'calledElementVersionTag', 'calledElementTenantId', // the latest version is called
  'errorMessage', 'errorCodeVariable', 'errorMessageVariable', // only the error code is read
  'formRef', 'formRefBinding', 'formRefVersion', // Camunda Forms; camunda:formKey and camunda:formData are read
]);

/** Implementation entries shown; ImplementationType below replaces the Camunda select. */
const implementationEntries = new Set(['implementationType', 'javaClass', 'expression', 'expressionResultVariable', 'delegateExpression']);

export default function EnginePropertiesProvider(propertiesPanel) {
  propertiesPanel.registerProvider(PRIORITY, this);
}

EnginePropertiesProvider.$inject = ['propertiesPanel'];

EnginePropertiesProvider.prototype.getGroups = function () {
  return groups => groups
    .filter(group => !hiddenGroups.has(group.id))
    .map(group => (Array.isArray(group.entries) ? trimEntries(group) : group)) // list groups have `items`
    .filter(group => !Array.isArray(group.entries) || group.entries.length > 0);
};

function trimEntries(group) {
  if (group.id === 'CamundaPlatform__Form') {
    return { ...group, entries: formEntries };
  }

  let entries = group.entries.filter(entry => !hiddenEntries.has(entry.id));
  if (group.id === 'CamundaPlatform__Implementation') {
    entries = entries
      .filter(entry => implementationEntries.has(entry.id))
      .map(entry => (entry.id === 'implementationType' ? { ...entry, component: ImplementationType, isEdited: isSelectEntryEdited } : entry));
  }

  return { ...group, entries };
}

/**
 * The engine reads camunda:formKey (the form the dashboard shows) and camunda:formData (the task
 * contract: what a completion may set) side by side, and the shipped flows use both. Camunda's
 * "form type" select treats them as alternatives and would delete the contract when a form key
 * is chosen, so the Forms group becomes two independent entries.
 */
const formEntries = [
  { id: 'formKey', component: FormKey, isEdited: isTextFieldEntryEdited },
  { id: 'formContract', component: FormContract, isEdited: isCheckboxEntryEdited },
];

function FormKey(props) {
  const { element } = props;
  const commandStack = useService('commandStack');
  const translate = useService('translate');
  const debounce = useService('debounceInput');
  const businessObject = getBusinessObject(element);
  return TextFieldEntry({
    element,
    id: 'formKey',
    label: translate('Form key'),
    getValue: () => businessObject.get('camunda:formKey'),
    setValue: value => commandStack.execute('element.updateModdleProperties', {
      element, moddleElement: businessObject, properties: { 'camunda:formKey': value || undefined },
    }),
    debounce,
  });
}

function formDataOf(businessObject) {
  const extensionElements = businessObject.get('extensionElements');
  return extensionElements ? extensionElements.get('values').find(value => is(value, 'camunda:FormData')) : undefined;
}

/** Adds an empty camunda:formData (then "Form fields" lists and adds fields) or removes it. */
function FormContract(props) {
  const { element } = props;
  const commandStack = useService('commandStack');
  const bpmnFactory = useService('bpmnFactory');
  const translate = useService('translate');
  const businessObject = getBusinessObject(element);

  const setValue = checked => {
    let extensionElements = businessObject.get('extensionElements');
    const existing = formDataOf(businessObject);
    const commands = [];
    if (checked && !existing) {
      if (!extensionElements) {
        extensionElements = bpmnFactory.create('bpmn:ExtensionElements', { values: [] });
        extensionElements.$parent = businessObject;
        commands.push({ cmd: 'element.updateModdleProperties', context: { element, moddleElement: businessObject, properties: { extensionElements } } });
      }

      const formData = bpmnFactory.create('camunda:FormData', { fields: [] });
      formData.$parent = extensionElements;
      commands.push({ cmd: 'element.updateModdleProperties', context: { element, moddleElement: extensionElements, properties: { values: [...extensionElements.get('values'), formData] } } });
    } else if (!checked && existing) {
      commands.push({ cmd: 'element.updateModdleProperties', context: { element, moddleElement: extensionElements, properties: { values: extensionElements.get('values').filter(v => v !== existing) } } });
    }

    if (commands.length > 0) {
      commandStack.execute('properties-panel.multi-command-executor', commands);
    }
  };

  return CheckboxEntry({
    element,
    id: 'formContract',
    label: translate('Task contract (form fields)'),
    description: translate('The fields a completion may set; without them it may set no variables.'),
    getValue: () => formDataOf(businessObject) !== undefined,
    setValue,
  });
}

const delegateAttributes = ['camunda:class', 'camunda:expression', 'camunda:delegateExpression', 'camunda:resultVariable'];
const unsupportedAttributes = ['camunda:type', 'camunda:topic', 'camunda:decisionRef', 'camunda:decisionRefBinding',
  'camunda:decisionRefVersion', 'camunda:decisionRefVersionTag', 'camunda:decisionRefTenantId', 'camunda:mapDecisionResult'];

/** The object that holds a service-like element's camunda implementation attributes. */
function implementationHolder(element) {
  const businessObject = getBusinessObject(element);
  if (isAny(businessObject, ['bpmn:ServiceTask', 'bpmn:BusinessRuleTask', 'bpmn:SendTask'])) {
    return businessObject;
  }

  if (isAny(businessObject, ['bpmn:EndEvent', 'bpmn:IntermediateThrowEvent'])) {
    return (businessObject.get('eventDefinitions') || []).find(definition => is(definition, 'bpmn:MessageEventDefinition'));
  }

  return undefined;
}

function connectorsOf(holder) {
  const extensionElements = holder.get('extensionElements');
  return extensionElements ? extensionElements.get('values').filter(value => is(value, 'camunda:Connector')) : [];
}

/** What the element uses now: a handler, an expression, a class name, or something the engine does not run. */
function currentType(holder) {
  if (connectorsOf(holder).length > 0 || holder.get('camunda:type') === 'external' || holder.get('camunda:decisionRef') !== undefined) {
    return 'unsupported';
  }

  return ['delegateExpression', 'expression', 'class'].find(type => holder.get(`camunda:${type}`) !== undefined) ?? '';
}

/**
 * The implementation type select, limited to what the engine runs: a registered handler named by
 * camunda:delegateExpression, or a JavaScript camunda:expression. A class name (which the engine
 * also treats as a handler name) and unsupported kinds (external task, DMN, connector) are only
 * offered when the element already uses them, so the admin can see and replace them.
 */
function ImplementationType(props) {
  const { element } = props;
  const commandStack = useService('commandStack');
  const translate = useService('translate');
  const holder = implementationHolder(element);

  const getValue = () => currentType(holder);

  const setValue = value => {
    if (value === 'unsupported') {
      return;
    }

    const previous = currentType(holder);
    const properties = {};
    for (const name of [...delegateAttributes, ...unsupportedAttributes]) {
      if (holder.get(name) !== undefined) {
        properties[name] = undefined;
      }
    }

    if (value) {
      const kept = previous !== 'unsupported' && previous ? holder.get(`camunda:${previous}`) : '';
      properties[`camunda:${value}`] = kept ?? '';
    }

    const commands = [];
    const extensionElements = holder.get('extensionElements');
    const connectors = connectorsOf(holder);
    if (connectors.length > 0) {
      commands.push({
        cmd: 'element.updateModdleProperties',
        context: { element, moddleElement: extensionElements, properties: { values: extensionElements.get('values').filter(v => !connectors.includes(v)) } },
      });
    }

    commands.push({ cmd: 'element.updateModdleProperties', context: { element, moddleElement: holder, properties } });
    commandStack.execute('properties-panel.multi-command-executor', commands);
  };

  const getOptions = () => {
    const options = [
      { value: '', label: translate('<none>') },
      { value: 'delegateExpression', label: translate('Delegate expression') },
      { value: 'expression', label: translate('Expression') },
    ];
    const current = currentType(holder);
    if (current === 'class') {
      options.push({ value: 'class', label: translate('Java class') });
    } else if (current === 'unsupported') {
      options.push({ value: 'unsupported', label: translate('Not run by this engine') });
    }

    return options;
  };

  return SelectEntry({ element, id: 'implementationType', label: translate('Type'), getValue, setValue, getOptions });
}
