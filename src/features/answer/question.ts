/**
 * How a member's message reads, before any ranking: its sentences and questions (`piecesOf`), what
 * points back, and which kind of fact is asked for (a number, a date, a count, a requirement, a
 * product pick). The engine decides what each means for an answer.
 */

/** Whole messages that are commands or menu picks, not questions: they never get a guide answer. */
export const NOT_A_QUESTION =
  /^(?:quit|exit|bye|back|go back|stop|cancel|end|done|next|skip|start|restart|menu|main menu|help|options|commands|y|n|yes|no|yep|nope|ok|okay|k|maybe|sure|thanks|thank you|thx|hi|hello|hey|test|\d+|[a-e])$/;

/** A sentence that asks something (the rest of a message is the story around it). */
const ASKS =
  /\?\s*$|^(?:so |and |but |ok |okay |also |then |pls |please |like |i mean |basically |so like )?(?:what|whats|wat|how|which|when|where|why|who|whom|whose|is|are|am|was|were|do|does|did|can|could|should|shud|would|will|may|might|must|need|any|r|tell|explain)\b/;
/** A second question inside one sentence: "..., and how long ...", "... and do I ...". */
const SECOND_QUESTION =
  /,?\s+(?:and|also|plus|\+)\s+(?:\w+ly,?\s+)?(?=(?:what|whats|wat|how|which|when|where|why|who|is|are|do|does|did|can|could|should|shud|would|will|r|if)\b)/;
/** How a follow-up opens ("and for fellowship?", "what about J-1?") or points back ("that", "it"). */
export const FOLLOW_UP_CUE =
  /^(?:and|also|but|so|or|ok(?:ay)?,? (?:and|so|but)|wait|what about|how about|what if|same for|even|then|for|in that case)\b|\b(?:that|it|this|those|these|them|they|there|one|an example|the \w+ part)\b/;
/** Words that count places, not things ("H-1B slots", "spots"). */
export const PLACES = /^(?:spot|slot|seat|place|opening|one)$/;
/** "How many X are there / exist / in total". */
export const CENSUS = /\bhow many ((?:[\w'-]+ ){0,4}?[\w'-]+) (?:are there|r there|exist|in total|total)\b/;
export const COUNT_WORDS =
  /^(?:\d[\d,.]*k?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundred|thousand|dozen)$/;
export const TIME_UNIT = /^(?:years?|months?|weeks?|days?|hours?|minutes?|seconds?|yrs?|hrs?|mins?)\b/;
/** A passage that is only a verdict. */
export const VERDICT = /^(?:yes|no|not necessarily|generally(?: yes| no)?|usually|mostly|not really)\b[^.]{0,25}\.$/i;
/** A question that asks what, how, which ...: no yes or no answers it. */
export const WH_QUESTION =
  /^(?:so |and |but |ok |okay |also |then |like |wait )?(?:what|whats|wat|how|which|when|where|why|who|whom|whose)\b/;
/** A later part that refers to the one before it. */
export const POINTS_BACK = /\b(?:it|its|they|them|their|those|these|one|ones)\b/;
/** Questions that want a number: a section without one in what it says on the topic cannot answer. */
export const WANTS_NUMBER =
  /\b(?:how many|how long (?:does|do|will|would|is it|it takes?)|how soon|how old|what(?:['’]?s| is| are)? (?:the )?(?:[\w/-]+ )?(?:score|percentage|rates?|salary|salaries|pay)|passing score|pass rate|match rate|how much (?:does|do|is|money)|(?:max|min)(?:imum)? (?:[\w-]+ ){0,3}?(?:number|score|age)|average|median|cut-?offs?)\b/;
/** What a number question measures: the passage with the number must name it too ("passing score", "fee"). */
export const MEASURE = /\b(scores?|rates?|fees?|costs?|charges?|salary|salaries|pay|attempts?|percentages?|cut-?offs?)\b/;
/**
 * Asks which product or brand to buy, or for a named resource, or which EHR is better: the guide
 * recommends none, so a section that mentions the kind of thing ("a headset", "an intro textbook",
 * "EHR vendor such as Epic or Cerner") is no answer.
 */
export const WANTS_PRODUCT =
  /\b(?:which|what|any|best|good) (?:\w+ )?(?:brands?|books?|textbooks?|apps?|courses?|decks?|laptops?|webcams?|mics?|microphones?|headsets?|software|tools?) (?:should|would|do|to|for|is|are)\b|\b(?:should i buy|would you recommend|do you recommend|you recommend)\b|\b(?:which|what) (?:\w+ )?(?:ehrs?|emrs?|vendors?) (?:is|are) (?:better|best|the best)\b|\b(?:epic|cerner|oracle health|meditech) (?:or|vs\.?|versus) (?:epic|cerner|oracle health|meditech)\b/;
/** Questions about when something happens: a section with no date or time of year on the topic cannot answer. */
export const WANTS_DATE =
  /^(?:\w+ )?when (?:does|do|is|will|did)\b.*\b(?:open|opens|close|closes|start|starts|begin|begins|due|released?|announced)\b|\b(?:what|wat|which)(?:['’]?s| is)? (?:the )?(?:exact |precise |official )?(?:date|day|months?|time of (?:the )?year)\b/;
export const DATE_WORDS =
  /\b(?:january|february|march|april|may|june|july|august|september|october|november|december|spring|summer|fall|autumn|winter|\d{4}|any time|anytime|year-round|(?:any|every|each) (?:month|week))\b/i;
/** Questions whose answer is an amount ("how long should it be"): a passage with a number is preferred. */
export const ASKS_AMOUNT = /\b(?:how (?:many|long|much|soon|often|old|early|late)|by when|what age)\b/;
export const COMPARISON = /\b(?:vs\.?|versus|compared?|comparison|difference|differ|better|worse|which one|or)\b/;
export const LISTY =
  /\b(?:which|what(?: \w+){0,2} (?:kinds?|types?|sorts?|equipment|topics|things|stuff|info|areas|skills|questions|steps|signs)|what are|list|examples?)\b/;

/** Questions that ask what it takes ("requirements for an O-1", "criteria to qualify"). */
export const WANTS_RULES =
  /\b(?:requirements?|criteria|qualifications?|eligibility|how (?:do|can) i qualify|what do i need to (?:get|qualify))\b/;
/** What a passage that states a requirement says. */
export const RULE_WORDS = /\b(?:requir\w*|criteri\w*|qualif\w*|eligib\w*|must|need(?:s|ed)?|have to|has to)\b/i;
/**
 * A question's words for the kind of fact it wants ("which months", "what requirements") say
 * nothing about which section has that fact: the topic is found from the other words.
 */
export const TIME_TERMS = /^(?:month|date|day|year|week|time|season)$/;
export const RULE_TERMS = /^(?:requirement|criteria|qualification|eligibility|qualify)$/;
export function withoutTerms(factors: Map<string, number>, kind: RegExp): Map<string, number> {
  return new Map([...factors].filter(([t]) => !kind.test(t)));
}

export interface Piece {
  text: string;
  asks: boolean;
}

/** Splits a message into sentences, and each asking sentence into its questions. */
export function piecesOf(question: string): Piece[] {
  const out: Piece[] = [];
  const sentences = question
    .replace(/\s*\.{3,}\s*/g, '. ')
    .split(/(?<=[?!.])\s+|\n+|(?<=\?)(?=\S)/)
    .map((s) => s.trim())
    .filter(Boolean);
  for (const s of sentences) {
    const lower = s.toLowerCase();
    const asks = ASKS.test(lower);
    if (!asks) {
      out.push({ text: s, asks });
      continue;
    }
    for (const part of s.split(SECOND_QUESTION)) out.push({ text: part, asks: true });
  }
  return out;
}
