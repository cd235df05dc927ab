// The designer's `translate` service. English labels that would mislead an admin about our engine
// are rewritten first (its expressions are JavaScript run by Jint, not Java EL); then, for zh-CN,
// the result is looked up in the Chinese dictionary. Unknown strings pass through in English.
import zhCN from './zh-CN.js';

const englishOverrides = {
  'Expression': 'JavaScript expression',
  'Delegate expression': 'Handler (delegate expression)',
  'Java class': 'Handler name (class attribute)',
  'The due date as an EL expression (e.g. ${someDate}) or an ISO date (e.g. 2015-06-26T09:54:00).':
    'The due date as a JavaScript expression (e.g. ${someDate}) or an ISO date (e.g. 2015-06-26T09:54:00).',
  'The follow up date as an EL expression (e.g. ${someDate}) or an ISO date (e.g. 2015-06-26T09:54:00).':
    'The follow up date as a JavaScript expression (e.g. ${someDate}) or an ISO date (e.g. 2015-06-26T09:54:00).',
};

const dictionaries = { 'zh-CN': zhCN, 'zh': zhCN };

/** The dictionary for a locale such as "zh-CN" or "en-US"; English (no dictionary) otherwise. */
function dictionaryFor(locale) {
  const name = String(locale ?? '');
  return dictionaries[name] ?? dictionaries[name.split('-')[0]] ?? null;
}

/** A bpmn-js module that replaces the default `translate` with one for `locale`. */
export function translateModule(locale) {
  const dictionary = dictionaryFor(locale);
  function translate(template, replacements) {
    const english = englishOverrides[template] ?? template;
    const text = (dictionary && dictionary[english]) ?? english;
    return replacements
      ? text.replace(/{([^}]+)}/g, (match, key) => (key in replacements ? String(replacements[key]) : match))
      : text;
  }

  return { translate: ['value', translate] };
}

