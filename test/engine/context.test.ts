// Context decides: the same words fire or stay silent depending on who they are about, the
// child's age, quotation, talk about language, negation and other senses, and the profile.
import * as assert from 'assert';
import { found, foundTable, type FoundCase } from './helpers';

const table = (cases: FoundCase[]) => foundTable(cases);

describe('context: subject', () => {
  table([
    ['Amira chose to go back to the flat.', ['t-chose-to: chose']],
    ['The social worker chose to escalate to a strategy meeting.', []],
    ['The panel chose to focus on the school response.', []],
    ['I chose to visit unannounced.', []],
    ['We have chosen to hold the meeting at school.', []],
    ['Her mother chose to let him back into the home.', ['t-chose-to: chose']],
    ['Amira was seen by the social worker. She chose to escalate the concern to her manager.', []],
    ['The social worker visited Amira. She chose to stay at the flat overnight.', ['t-chose-to: chose']],
  ]);
});

describe('context: inflection and pronoun variants from one pattern', () => {
  table([
    ['He puts himself at risk when he goes out.', ['t-self-at-risk: puts himself at risk']],
    ['They were placing themselves at significant risk.', ['t-self-at-risk: placing themselves at significant risk']],
    ['She had chosen to leave.', ['t-chose-to: chosen']],
    ['Choosing to stay out all night.', ['t-chose-to: Choosing']],
  ]);
});

describe('context: age', () => {
  table([
    ['Jez (15) is a young man who knows the area.', ['t-young-man: young man']],
    ['Jez, 17, was described by police as a young man.', ['t-young-man: young man']],
    ['Her partner is a young man of 23.', [], { childAge: 14 }],
    ['Her partner, a 23-year-old young man, was present.', [], { childAge: 14 }],
    ['He is a young man and knows his own mind.', []], // no age known: silent
    ['---\nchild-age: 14\n---\nShe is a young woman now.', ['t-young-man: young woman']],
    ['She is a young woman now.', ['t-young-man: young woman'], { childAge: 14 }],
    ['She is a young woman now.', [], { childAge: 19 }],
    ['Amira is in Year 9. She is very streetwise.', ['t-streetwise: streetwise']],
    ['Amira (14) has a boyfriend who is 24.', ['t-boyfriend: boyfriend']],
    ['Amira (14) has a boyfriend in her class, also 14.', []],
    ['Amira (14) has a boyfriend. Her partner, who is 34, was at the house.', ['t-boyfriend: boyfriend']],
    ['Leo (4) did not attend the dental appointment.', ['t-did-not-attend: did not attend']],
    ['Leo (4) DNA dental appointment.', ['t-did-not-attend: DNA']],
    ['Mum did not attend the review meeting.', [], { childAge: 4 }],
    ['The GP did not attend the strategy meeting.', [], { childAge: 4 }],
    ['Kyle (17) did not attend his college interview.', []],
  ]);
});

describe('context: quotation', () => {
  table([
    ['Amira said "I chose to go there, nobody made me."', []],
    ['Amira told me: "I put myself at risk, I know that."', []],
    ['"I chose to go," Amira said.', []],
    ['In her own words, she chose to stay with him.', []],
    // Reported speech is the writer's paraphrase, not the child's words: it is held to the same standard.
    ['Amira said she chose to go to the flat.', ['t-chose-to: chose']],
    ['Kyle (15) said his dad "puts himself at risk when he drinks".', []],
    ['Amira "chose" to go back to the flat.', ['t-chose-to: chose']],
    ['Police recorded that Amira (14) was "streetwise".', ['t-streetwise: streetwise']],
    ['Police recorded that Amira (14) was "streetwise".', [], { profile: 'review' }],
    ['Child L (13) was described as streetwise in several referrals.', [], { profile: 'review' }],
    ['Child L (13) was described as streetwise in several referrals.', ['t-streetwise: streetwise']],
    ["Child L (13) was 'streetwise' and knew the risks.", ['t-streetwise: streetwise'], { profile: 'review' }],
    ['Records said she had "chosen" to return home.', [], { profile: 'review' }],
  ]);
});

describe('context: talk about the language itself', () => {
  table([
    ['Victim-blaming language such as "putting themselves at risk" must be challenged.', []],
    ['The phrase putting herself at risk hides the adults who harmed her.', []],
    ['Avoid terms like streetwise for a child aged 13.', []],
  ]);
});

describe('context: negation and other senses', () => {
  table([
    ['She is not putting herself at risk; she is being exploited.', []],
    ['The argument for a legal planning meeting was accepted.', []],
    ['There was an argument and Mr Doyle hit Ms Hughes.', ['t-argument: argument']],
    ['Amira (14) gave informed consent to the medical examination.', []],
    ['The man said the contact with Amira (14) was consensual.', ['t-consent: consensual']],
    ['Police described the contact between the man and Amira (14) as consensual.', ['t-consent: consensual']],
    ['A fire safety incident at school was logged.', []],
    ['Police attended a domestic incident at the address.', ['t-incident: domestic incident']],
  ]);
});

describe('context: profiles and configuration', () => {
  it('front matter chooses the profile', () => {
    assert.deepStrictEqual(found('---\nprofile: review\n---\nChild L (13) was described as streetwise.'), []);
  });
  it('an entry shipped off stays off unless configured on', () => {
    assert.deepStrictEqual(found('Amira allegedly went to the flat.'), []);
    assert.deepStrictEqual(found('Amira allegedly went to the flat.', { config: { rules: { 't-off-by-default': 'on' } } }), ['t-off-by-default: allegedly']);
  });
  it('a rule or a category can be switched off', () => {
    assert.deepStrictEqual(found('Amira chose to go.', { config: { rules: { 't-chose-to': 'off' } } }), []);
    assert.deepStrictEqual(found('Amira chose to go.', { config: { categories: { 'victim-blaming': 'off' } } }), []);
  });
  it('allowed phrases are never flagged', () => {
    assert.deepStrictEqual(found('Amira chose to go.', { config: { allow: ['chose to go'] } }), []);
  });
});
