import { describe, expect, it } from 'vitest';
import { findReturnDate } from './reply-dates.ts';
import { normalizeForMatching, stripQuotedReply } from './reply-text.ts';

/** [received on (YYYY-MM-DD, 10:00 UTC), the reply, the first day back or null]. */
type Case = [string, string, string | null];

/** As the classifier calls it: the reply's own words, normalised. */
function returnDate(received: string, body: string): string | null {
  return findReturnDate(normalizeForMatching(stripQuotedReply(body)), new Date(`${received}T10:00:00Z`))?.date ?? null;
}

const check = (cases: Case[]) =>
  it.each(cases)('received %s: %j → %s', (received, body, expected) => {
    expect(returnDate(received, body)).toBe(expected);
  });

describe('return dates: an explicit day back wins, as written (no weekend rule)', () => {
  check([
    ['2026-01-10', 'The studio is shut for Pongal from 14 to 17 January and opens again on the 18th.', '2026-01-18'],
    ['2026-03-04', "I'm out of the office from Thursday 5 March through Tuesday 10 March with no access to email. I'll be back Wednesday 11 March.", '2026-03-11'],
    ['2026-11-25', "I'm travelling this week, back on Monday.", '2026-11-30'],
    ['2026-11-25', 'Thank you for your message. I will respond when I return on Friday.', '2026-11-27'],
    ['2026-03-03', 'Back tomorrow', '2026-03-04'],
    ['2026-01-28', "I'm on leave from 2nd to 6th Feb, back 9th", '2026-02-09'],
    ['2026-03-01', 'on leave till 4th, joining on 5th', '2026-03-05'],
    ['2026-05-04', 'Clinic closed for renovation till 15/05. We reopen on 18/05.', '2026-05-18'],
    ['2026-05-04', 'Summer vacation: the school is closed 15 May – 30 June; classes resume July 1.', '2026-07-01'],
    ['2026-12-24', 'Merry Christmas! We are closed from 25th December to 1st January and will reopen on Monday, January 4th.', '2027-01-04'],
    ['2026-12-28', "I'll be back on the 3rd.", '2027-01-03'],
    ['2026-10-25', "I won't be back until Monday", '2026-10-26'],
    ['2026-03-10', 'back on Mon 16th', '2026-03-16'],
  ]);
});

describe('return dates: otherwise the day after the last day away, Monday when that is a weekend', () => {
  check([
    ['2026-03-05', 'on leave 9-13 March', '2026-03-16'],
    ['2026-01-10', 'The studio is shut for Pongal from 14 to 17 January.', '2026-01-19'],
    ['2026-03-03', 'Out until Friday', '2026-03-09'],
    ['2026-11-25', 'I am away at a conference until Thursday.', '2026-11-27'],
    ['2026-11-25', 'I am on vacation until December 8th and will respond when I return.', '2026-12-09'],
    ['2026-11-10', 'OOO 16-20 Nov', '2026-11-23'],
    ['2026-01-20', 'Our office will remain closed on 26th January on account of Republic Day.', '2026-01-27'],
    ['2026-03-01', 'Office will be closed on account of Holi on 4th March (Wednesday)', '2026-03-05'],
    ['2026-10-25', 'I am out today', '2026-10-26'],
    ['2026-10-20', 'out of office Monday to Wednesday', '2026-10-22'],
    ['2026-03-12', "Hi, I'm away on holiday until Sunday 15th.", '2026-03-16'],
    ['2026-10-25', 'Office closed between 1 and 5 November', '2026-11-06'],
    ['2026-03-01', 'I am travelling until 10/3', '2026-03-11'],
    ['2026-03-10', 'Dear Sender, I am on leave till 18.03.2026 (Wednesday). For urgent matters contact ravi@example.com', '2026-03-19'],
  ]);
});

describe('return dates: every way of writing a date', () => {
  check([
    ['2026-07-01', 'Back on 12.08.2026', '2026-08-12'],
    ['2026-07-01', 'I am away. Back on 21/07/2026', '2026-07-21'],
    ['2026-07-01', 'Back on 2026-07-21', '2026-07-21'],
    ['2026-07-01', 'Back on 21-07-26', '2026-07-21'],
    ['2026-10-01', 'I will be back in the office on Monday, October 12.', '2026-10-12'],
    ['2026-10-01', 'Returning 12th Oct', '2026-10-12'],
    ['2026-10-01', 'Returning Oct 12th', '2026-10-12'],
    ['2026-10-01', 'Returning on the 12th of October, 2026', '2026-10-12'],
    ['2026-05-04', 'Thank you for your email. I am currently out of the office and will return on Monday 11th May 2026.', '2026-05-11'],
    ['2026-06-01', 'chutti pe hoon, 10 June ko wapas aaunga', '2026-06-10'],
    ['2026-12-01', 'दुकान 28 दिसंबर तक बंद है', '2026-12-29'],
    ['2026-12-01', 'हम 15 तारीख को वापस आएंगे', '2026-12-15'],
    ['2026-12-01', 'I am on leave, back next Monday', '2026-12-07'],
    ['2026-12-01', 'chutti par hoon, kal aa jaunga office', '2026-12-02'],
    ['2026-12-01', 'parson se office aaunga', '2026-12-03'],
    ['2026-12-01', 'मैं परसों वापस आऊंगा', '2026-12-03'],
    ['2026-03-10', "I'm on leave till the 5th of next month", '2026-04-06'],
    ['2026-11-25', 'नमस्ते, मैं अगले हफ्ते तक छुट्टी पर हूँ।', '2026-11-30'],
    ['2026-03-10', 'leave pe hoon, agle somvar se available', '2026-03-16'],
    ['2026-03-10', 'मैं २० मार्च को वापस आऊंगा', '2026-03-20'],
  ]);
});

describe('return dates: ranges in every form', () => {
  check([
    ['2026-01-10', 'Away from 14 to 17 January', '2026-01-19'],
    ['2026-01-10', 'Away 14-17 Jan', '2026-01-19'],
    ['2026-10-25', 'on leave 14th till 17th', '2026-11-18'],
    ['2026-10-25', 'upto Friday leave pe hoon', '2026-11-02'],
    ['2026-03-01', 'Holi ki chhutti 3 se 5 tak, 6 ko khulega', '2026-03-06'],
    ['2026-03-01', 'Holi ki chhutti 3 se 5 March tak', '2026-03-06'],
    ['2026-03-01', 'होली के कारण दुकान 3 से 5 मार्च तक बंद रहेगी', '2026-03-06'],
    ['2026-10-25', 'Diwali ki chhutti 1-5 Nov', '2026-11-06'],
    ['2026-10-25', 'Office closed from Nov 1-5 for Diwali', '2026-11-06'],
    ['2026-12-22', 'Out of Office: I am on annual leave from 23/12 to 02/01.', '2027-01-04'],
    ['2026-05-04', 'गर्मी की छुट्टियों के कारण स्कूल 15 मई से 30 जून तक बंद रहेगा। 1 जुलाई से कक्षाएं फिर से शुरू होंगी।', '2026-07-01'],
  ]);
});

describe('return dates: Hindi and Hinglish absences', () => {
  check([
    ['2026-11-25', 'मैं सोमवार तक शहर से बाहर हूँ।', '2026-12-01'],
    ['2026-11-25', 'मैं 10 तारीख तक अवकाश पर हूँ', '2026-12-11'],
    ['2026-11-25', 'main shaadi me gaya hua hoon, 15 tarikh ke baad baat karna', '2026-12-16'],
    ['2026-11-25', 'main 5 tarikh tak bahar hoon', '2026-12-07'],
    ['2026-11-25', 'Main chutti par hoon, Monday ko wapas aaunga', '2026-11-30'],
    ['2026-11-25', 'Main abhi leave par hoon, somvar ko baat karte hain', '2026-11-30'],
    ['2026-03-10', 'Sir main Monday tak Goa hoon', '2026-03-17'],
    ['2026-03-01', '5 tarikh ke baad milte hain', '2026-03-06'],
    ['2026-08-10', '15 अगस्त को दुकान बंद रहेगी', '2026-08-17'],
    ['2026-05-04', 'Abhi out of station hoon. 12 tak aa jaunga', '2026-05-12'],
  ]);
});

describe('return dates: a day and month without a year is the next one on or after the day received', () => {
  check([
    ['2026-12-20', 'Clinic closed till 3 Jan for the holidays', '2027-01-04'],
    ['2026-11-25', 'I am out of office until 12 March with limited access to email.', '2027-03-15'],
    ['2026-03-12', 'Back on 12 March', '2026-03-12'],
    ['2026-03-13', 'Back on 12 March', '2027-03-12'],
    ['2026-12-28', 'on leave, back on the 2nd', '2027-01-02'],
  ]);
});

describe('return dates: vague or no day → null', () => {
  check([
    ['2026-10-20', 'Closed for Diwali, back after Diwali', null],
    ['2026-10-20', 'on leave till end of the month', null],
    ['2026-10-20', 'I will be back in two weeks', null],
    ['2026-05-04', 'Gaon gaya hoon, 2-3 din mein aata hoon', null],
    ['2026-05-04', 'I will be on leave for 3 days', null],
    ['2026-03-10', "I'm on maternity leave and will return in April.", null],
    ['2026-01-05', 'Will be back by 3rd week of Jan', null],
    ['2026-10-25', 'I am not available from 2 November', null],
    ['2026-03-10', 'Out of office\n\nOn Tue, 10 Mar 2026 at 10:02, Asha <asha@brightweb.example> wrote:\n> Can we talk on 20 March?', null],
  ]);
});

describe('return dates: numbers that are not days', () => {
  check([
    ['2026-10-25', 'Shop timings subah 10 se shaam 7 tak. Abhi chhutti hai 28 tak', '2026-10-29'],
    ['2026-03-10', 'back on Monday at 9:30 am. Mob: 98290 11223', '2026-03-16'],
    ['2026-03-10', 'On leave. Our 24/7 helpline is 1800 123 456, fees start at ₹2.5 lakh', null],
    ['2026-03-10', 'On leave; visit us on the 5th floor, office open 9.30 am', null],
  ]);
});

describe('return dates: replies written as an unseen check (absences, closures and holidays in all three languages)', () => {
  check([
  ['2026-04-06', 'Automatic reply: I am attending a workshop in Pune and will be back at my desk on Thursday 9 April.', '2026-04-09'],
  ['2026-04-06', 'I am out of the office until Wednesday 8 April inclusive.', '2026-04-09'],
  ['2026-04-06', 'Hello, our salon is closed for renovation this week. We reopen Monday 13th April. Thanks!', '2026-04-13'],
  ['2026-05-20', "I'm currently on annual leave, returning Tuesday 2 June. I'll have no access to emails.", '2026-06-02'],
  ['2026-05-20', 'Hi, I am on leave from 21.05 to 29.05. Please expect delays.', '2026-06-01'],
  ['2026-05-20', 'Namaste, main 25 May tak chutti par hoon. Uske baad baat karte hain.', '2026-05-26'],
  ['2026-05-20', 'Dukaan 22 se 24 tarikh tak band rahegi, 25 ko khulegi', '2026-05-25'],
  ['2026-05-20', 'आज और कल दफ्तर बंद है, सोमवार को बात करेंगे', '2026-05-25'],
  ['2026-05-20', 'मैं 28/05/2026 तक अवकाश पर हूँ।', '2026-05-29'],
  ['2026-05-20', 'Bhai abhi Kedarnath yatra pe hoon, 1 June ko lautunga', '2026-06-01'],
  ['2026-10-28', 'Our office remains closed for Diwali from Oct 31 to Nov 4. Business resumes Nov 5.', '2026-11-05'],
  ['2026-10-28', 'Closed 31 Oct - 4 Nov for Diwali 🪔', '2026-11-05'],
  ['2026-10-28', 'Diwali ki chutti hai, 5 Nov se shop open', '2026-11-05'],
  ['2026-12-30', 'Happy New Year! Office closed till 2nd January.', '2027-01-04'],
  ['2026-12-30', 'We are closed on 31st December and 1st January. Regular hours from 2nd Jan.', '2027-01-02'],
  ['2026-08-12', 'I am away till Friday (14th). Will respond on Monday.', '2026-08-17'],
  ['2026-08-12', 'Out sick today, back tomorrow hopefully.', '2026-08-13'],
  ['2026-08-12', 'On medical leave. Expected back on 24-08-2026.', '2026-08-24'],
  ['2026-08-12', 'I will be travelling between 13th and 16th August with limited connectivity.', '2026-08-17'],
  ['2026-08-12', 'OOO till 8/20', '2026-08-21'],
  ['2026-08-12', 'Away until Aug 20, 2026.', '2026-08-21'],
  ['2026-08-12', 'I am on vacation. I will return on August 24th, 2026.', '2026-08-24'],
  ['2026-08-12', 'Hi, I am at a conference all week, back in the office next Monday.', '2026-08-17'],
  ['2026-08-12', 'clinic band hai aaj, kal subah 9 baje se khulega', '2026-08-13'],
  ['2026-08-12', 'Mai hospital me hu, 2-3 din baad call karta hu', null],
  ['2026-08-12', 'I am on leave till mid-September.', null],
  ['2026-08-12', 'Out of office until further notice.', null],
  ['2026-08-12', 'हम 15 अगस्त को स्वतंत्रता दिवस के कारण बंद रहेंगे। 17 अगस्त से सामान्य सेवा।', '2026-08-17'],
  ['2026-08-12', 'Gym 15 August ko band rahega', '2026-08-17'],
  ['2026-08-12', 'Leave pe hu 14th tak', '2026-08-17'],
  ['2026-02-25', 'I am off on 26 and 27 Feb, back on the 2nd.', '2026-03-02'],
  ['2026-02-25', "I'm on paternity leave until the end of March.", null],
  ['2026-02-25', 'Travelling to Dubai, returning 3/3.', '2026-03-03'],
  ['2026-02-25', 'Away from my desk until Mon 2 March', '2026-03-03'],
  ['2026-02-25', 'This inbox is not monitored until 02 Mar 2026.', '2026-03-03'],
  ['2026-02-25', 'शनिवार तक बाहर हूं', '2026-03-02'],
  ['2026-02-25', 'Office will reopen on Monday.', '2026-03-02'],
  ['2026-02-25', 'The clinic is closed on Sundays and on 1st March for Holi.', '2026-03-02'],
  ]);
});
