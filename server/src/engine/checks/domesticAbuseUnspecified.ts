// domestic-abuse-unspecified: "domestic abuse", "DA", "DV" or "domestic incident" in a record
// that never says what kind of abuse, or what anyone did. Reviews found records that named domestic
// abuse without describing it, which left its type, pattern and risk unknown.
import { ParagraphView } from '../context/paragraphView';
import { splitRecords } from '../records';
import { cachedPart, type RecordCheckInput, type RecordMatch, type RecordCheck } from './recordCheck';

const MENTION = /(?<![\p{L}])(?:[Dd]omestic\s+(?:abuse|violence|incidents?)|DA|DV)(?![\p{L}])/gu;
// Services, laws and roles named after domestic abuse are not a mention of abuse happening.
const NOT_A_MENTION_AFTER =
  /^\s*(?:services?|workers?|teams?|advocates?|policy|policies|training|act|notices?|orders?|protection|refuge|programmes?|course|champions?|practitioners?|specialists?|support|advis[eo]rs?|outreach|charit(?:y|ies)|hub|project|coordinators?|officers?|leads?|agenc(?:y|ies)|organisations?|forum|strategy|unit|screening|risk\s+assessment|DASH|guidance|commissioner|helpline|perpetrator\s+programme)(?![\p{L}])/iu;
// Any word that says what kind of abuse, or what someone did.
const SPECIFIC =
  /(?<![\p{L}])(?:physical(?:ly)?|sexual(?:ly)?|emotional(?:ly)?|psychological(?:ly)?|coerci\w+|controll\w+|economic|financial(?:ly)?|verbal(?:ly)?|stalk\w*|harass\w*|threat\w*|strangl\w+|chok\w+|throttl\w+|push\w*|shov\w+|hit|hits|hitting|punch\w*|slap\w*|kick\w*|assault\w*|rap(?:e|ed|ing)|grab\w*|bit|bitten|bite|head-?butt\w*|smash\w*|lock\w*|broke|break\w*|damag\w+|shout\w*|scream\w*|swore|swear\w*|threw|thrown|throw\w*|injur\w+|bruis\w+|isolat\w+|monitor\w*|took\s+(?:her|his|their)\s+\p{L}+|stopped\s+(?:her|him|them)\s+from)(?![\p{L}])/iu;

export const domesticAbuseUnspecifiedCheck: RecordCheck = { name: 'domestic-abuse-unspecified', run: domesticAbuseUnspecifiedCheckRun };

function domesticAbuseUnspecifiedCheckRun(input: RecordCheckInput, ruleId: string): RecordMatch[] {
  const out: RecordMatch[] = [];
  for (const record of splitRecords(input.seg)) {
    const recordText = input.seg.masked.slice(record.start, record.end);
    out.push(...cachedPart(input, 'domestic-abuse', record.start, recordText, () => unspecifiedMention(record.start, recordText)));
  }
  return out;

  function unspecifiedMention(recordStart: number, recordText: string): RecordMatch[] {
    // Most records never mention domestic abuse: look for a mention before reading the whole
    // record for specific words.
    MENTION.lastIndex = 0;
    if (!MENTION.test(recordText) || SPECIFIC.test(recordText)) return [];
    MENTION.lastIndex = 0;
    for (let m = MENTION.exec(recordText); m; m = MENTION.exec(recordText)) {
      if (NOT_A_MENTION_AFTER.test(recordText.slice(m.index + m[0].length))) continue;
      const start = recordStart + m.index;
      const paragraph = input.seg.paragraphs.find((p) => start >= p.start && start < p.end);
      if (!paragraph) continue;
      const view = ParagraphView.of(paragraph.text, input.ctx);
      if (!view.framingAllows(start - paragraph.start, start - paragraph.start + m[0].length)) continue;
      // One finding per record: the first unexplained mention.
      return [
        {
          ruleId,
          start,
          end: start + m[0].length,
          suggestions: [`${m[0]} ([type: physical, sexual, emotional, coercive control, economic]: [who did what to whom, when])`],
        },
      ];
    }
    return [];
  }
}
