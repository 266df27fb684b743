import { FROM_TO, HAS_NUMBER, TIME_SPAN_RE } from './text.js';

/**
 * Which parts of a Situation-Task-Action-Result story an answer contains, read sentence by sentence
 * from how people actually tell such stories, including present-tense narration ("First I make an
 * audit") that is common when English is a second language.
 */
export interface Star {
  situation: boolean;
  task: boolean;
  action: boolean;
  result: boolean;
}

export interface StarReading extends Star {
  /** A result that carries a measure: "dropped from nine a month to two", "five out of forty". */
  quantifiedResult: boolean;
  /** Sentences that report an outcome with a number: the concrete outcomes in an answer. */
  quantifiedOutcomes: number;
}

const re = (parts: string[]) => new RegExp(parts.join('|'));

const PLACE =
  '(?:residency|internship|house job|rotation|training|shift|call|observership|clerkship|posting|year|week|night|ward|clinic|hospital|unit|department|icu|er|emergency|theatre|theater|practice|job|program|programme|team|center|centre)';
const SITUATION = re([
  String.raw`\b(?:when|while|as soon as) (?:i|we) (?:was|were|am|is|are|had|have|worked|work|working|started|start|moved|move|joined|join|arrived|arrive|began|begin|came|come|did|do|rotated|covered)\b`,
  String.raw`\b(?:during|in|at|on) (?:my|our|the|a|an|one) (?:[a-z-]+ ){0,2}${PLACE}\b`,
  String.raw`\b(?:in|back in|during|by) (?:19|20)\d\d\b`,
  String.raw`\b(?:last|one|that) (?:year|spring|summer|autumn|fall|winter|month|week|day|night|morning|evening|afternoon|shift|time|weekend)\b`,
  String.raw`\b(?:a few|two|three|several|some) (?:years|months|weeks) ago\b`,
  String.raw`\bat the time\b`,
  String.raw`\bonce\b`,
  String.raw`\bthere (?:was|were) (?:a|an|one|no|many|several|two|three|this|constant|frequent)\b`,
  String.raw`\b(?:we|i) (?:had|were having|was having|faced|were seeing|were using|used to) (?:a|an|no|many|several|two|three|this|the same|constant|frequent|repeated|a lot of)\b`,
  String.raw`\bas (?:a|an|the) (?:[a-z-]+ )?(?:resident|intern|medical officer|house officer|junior|senior|fellow|doctor|physician|student|volunteer|observer|registrar|consultant|attending|nurse|representative|member|lead)\b`,
  String.raw`\b(?:i|we) (?:was|were|am) (?:working|rotating|covering|on call|on the|on a|in the|in a|a|an|the|one of)\b`,
  String.raw`\b(?:my|our) (?:hospital|ward|unit|clinic|department|team|practice|institution) (?:had|has|was|is|used|uses|kept)\b`,
  String.raw`\bin my (?:home )?country\b`,
  String.raw`\bback home\b`,
]);

const TASK = re([
  String.raw`\bmy (?:role|job|task|responsibility|duty|goal|aim|assignment|mandate|challenge|brief)\b`,
  String.raw`\b(?:i|we) (?:was|were) (?:asked|assigned|tasked|responsible|in charge|expected|supposed|chosen|given the|put in charge|appointed)\b`,
  String.raw`\b(?:asked|told|wanted|needed|expected|assigned|tasked|charged) (?:me|us) (?:to|with)\b`,
  String.raw`\b(?:i|we) (?:had|needed|have|has|need|must) to\b`,
  String.raw`\b(?:i|we) (?:was|were) required to\b`,
  String.raw`\b(?:the|our|my) (?:goal|aim|task|objective|challenge|priority|mission) (?:was|is|became|were)\b`,
  String.raw`\b(?:responsible for|in charge of|took it on|took on the|volunteered to|offered to|it was up to me|it fell to me|set out to)\b`,
]);

const VERBS = [
  'organi[sz]e[ds]?',
  'organi[sz]ing',
  'map(?:ped|s)?',
  'create[ds]?',
  'buil[dt]s?',
  'design(?:ed|s)?',
  'lead|led',
  'meet|met',
  'talk(?:ed)?',
  'spoke|speak',
  'call(?:ed)?',
  'set up',
  'develop(?:ed)?',
  'analy[sz]e[ds]?',
  'review(?:ed)?',
  'introduce[ds]?',
  'implement(?:ed)?',
  'start(?:ed)?',
  'began|begin',
  'wr(?:o|i)te|written',
  'make|made',
  'ask(?:ed)?',
  'escalate[ds]?',
  'collect(?:ed)?',
  'train(?:ed)?',
  'audit(?:ed)?',
  'track(?:ed)?',
  'redesign(?:ed)?',
  'change[ds]?',
  'suggest(?:ed)?',
  'propose[ds]?',
  'arrange[ds]?',
  'schedule[ds]?',
  'coordinate[ds]?',
  'present(?:ed)?',
  '(?:re|double-)?check(?:ed)?',
  'fix(?:ed)?',
  'document(?:ed)?',
  'standardi[sz]e[ds]?',
  'compare[ds]?',
  'draft(?:ed)?',
  'test(?:ed)?',
  'pilot(?:ed)?',
  'measure[ds]?',
  'contact(?:ed)?',
  'explain(?:ed)?',
  'discuss(?:ed)?',
  'apologi[sz]e[ds]?',
  'report(?:ed)?',
  'disclose[ds]?',
  'follow(?:ed)? up',
  'sat|sit',
  'br(?:ing|ought)',
  'gather(?:ed)?',
  'ran|run',
  'plan(?:ned)?',
  'educate[ds]?',
  'teach|taught',
  'interview(?:ed)?',
  'survey(?:ed)?',
  'shadow(?:ed)?',
  'observe[ds]?',
  'reach(?:ed)? out',
  'pull(?:ed)?',
  'share[ds]?',
  'send|sent',
  'email(?:ed)?',
  'put',
  'add(?:ed)?',
  'remove[ds]?',
  'hold|held',
  'invite[ds]?',
  'involve[ds]?',
  'listen(?:ed)?',
  'work(?:ed)? (?:with|together|closely|out|on|through)',
  'told|tell',
  'inform(?:ed)?',
  'stop(?:ped)?',
  'gave|give',
  'treat(?:ed)?',
  'went (?:to|and|through|back|over)',
  'practi[sc]e[ds]?',
  'stay(?:ed)?',
  'stood',
  'prepare[ds]?',
  'record(?:ed)?',
  'plot(?:ted)?',
  'post(?:ed)?',
  'print(?:ed)?',
  'highlight(?:ed)?',
  'decide[ds]?',
  'agree[ds]?',
  'adapt(?:ed)?',
  'translate[ds]?',
  'simplif(?:y|ied)',
  'assign(?:ed)?',
  'took|take',
  'complete[ds]?',
  'volunteer(?:ed)?',
  'help(?:ed)?',
  'repeat(?:ed)?',
  'read',
  'fill(?:ed)?',
  'page[ds]?',
  'visit(?:ed)?',
  'convince[ds]?',
  'negotiate[ds]?',
  'mediate[ds]?',
  'push(?:ed)? for',
].join('|');

const ACTION = re([
  String.raw`\b(?:i|we)(?: (?:also|then|first|finally|quickly|immediately|personally|together|eventually|just|later|next|carefully|actually|always|really|still|soon|then also|have|had|would))*(?: (?:decided|started|began|tried|helped|went on|chose|managed|offered|volunteered|continued) to)?(?: (?:also|then|quickly))? (?:${VERBS})\b`,
  String.raw`\b(?:i|we) (?:did|do|have done|had done) (?:a|an|the|some|our|my) (?:small |quick |short |full |formal )?(?:survey|audit|analysis|review|study|presentation|training|session|root|mapping|pilot|trial|chart review)\b`,
]);

const OUTCOME = re([
  String.raw`\b(?:as a result|the result|results? (?:was|were)|resulted in|in the end|at the end|eventually|ultimately|by the end)\b`,
  String.raw`\b(?:after|within) (?:a|one|two|three|four|five|six|seven|eight|nine|ten|twelve|several|a few|\d+) (?:days?|weeks?|months?|years?)\b`,
  String.raw`\b(?:\d+|a few|several|one|two|three|four|five|six|twelve) (?:days?|weeks?|months?|years?) later\b`,
  String.raw`\b(?:reduced|decreased|dropped|halved|doubled|improved|increased|rose|shortened|saved|eliminated|prevented|lowered|went (?:down|up|from)|gone (?:down|up|from)|came down|fewer|less often|no longer|never happened again|disappeared)\b`,
  String.raw`\b(?:was|were|got|became|become|has been|have been|is now|are now) (?:adopted|accepted|approved|implemented|rolled out|published|used|standard|the standard|routine|a habit|policy|better|faster|safer|easier|clearer|usable|fine|resolved|solved|stable|less|fewer|much better)\b`,
  String.raw`\b(?:adopted|took up|still use[sd]?|still using|now use[sd]?|spread to|started a similar|asked us to present|asked me to present)\b`,
  String.raw`\b(?:also|now) (?:take|takes|use|uses|follow|follows|adopt|adopts)\b`,
  String.raw`\b(?:solved|resolved|fixed) (?:it|the|this|that)\b`,
  String.raw`\bwe solved\b`,
  String.raw`\b(?:it|this|that) worked\b`,
  String.raw`\b(?:success|successful|improvement|outcome|impact)\b`,
  String.raw`\bnow (?:only|the|our|we|they|nurses|every|all)\b`,
  String.raw`\bstopped(?! (?:the|a|an|his|her|it|its|their|our|my|all)\b)`,
  FROM_TO,
  String.raw`\b(?:by half|in half)\b`,
]);

const LESSON = re([
  // A habit since then is a result too, but a lesson's numbers ("check two identifiers") are not a measure.
  String.raw`\b(?:taught me|teach me|teaches me|show(?:ed|s)? me|from this i|the lesson|my lesson|lesson i|biggest lesson|key lesson|main lesson|since then|since that day|from then on)\b`,
  String.raw`\bi (?:learned|learnt|understood|understand) (?:that|how|to|the|a|from|what|a lot)\b`,
  String.raw`\b(?:after (?:this|that)|since then|from then on|now),? (?:i|we) (?:always|never|now|make sure|check|double|confirm|use)\b`,
]);

/** A change stated as "from 74 minutes to 41" or "five out of forty": a measure, whatever the numbers are. */
const MEASURE = new RegExp(`${FROM_TO}|\\bout of\\b|%|\\bpercent\\b|\\bin half\\b|\\bby half\\b|\\bhalved\\b|\\bdoubled\\b`);

export function readStar(sentences: readonly string[]): StarReading {
  const out: StarReading = {
    situation: false,
    task: false,
    action: false,
    result: false,
    quantifiedResult: false,
    quantifiedOutcomes: 0,
  };
  for (const s of sentences) {
    if (!out.situation && SITUATION.test(s)) out.situation = true;
    if (!out.task && TASK.test(s)) out.task = true;
    if (!out.action && ACTION.test(s)) out.action = true;
    const outcome = OUTCOME.test(s);
    if (outcome || LESSON.test(s)) out.result = true;
    if (outcome) {
      // "After two months" frames the result; the measure is the number that is left.
      const measured = MEASURE.test(s) ? HAS_NUMBER.test(s) : HAS_NUMBER.test(s.replace(TIME_SPAN_RE, ' '));
      if (measured) {
        out.quantifiedResult = true;
        out.quantifiedOutcomes++;
      }
    }
  }
  return out;
}
