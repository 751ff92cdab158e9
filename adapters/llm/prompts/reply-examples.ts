import type { ReplyClassification } from '../../../core/ai/ai.types.ts';

/** One labelled reply shown to the model, with the answer it should give. */
export interface ReplyExample {
  /** The corpus line it is copied from (test/fixtures/replies, train split). */
  id: string;
  lang: 'en' | 'hinglish' | 'hi';
  channel: 'email' | 'whatsapp';
  receivedAt: string;
  subject: string | null;
  body: string;
  intent: ReplyClassification['intent'];
  sentiment: ReplyClassification['sentiment'];
  returnDate: string | null;
  referral: ReplyClassification['referral'];
}

/**
 * The few-shot examples of the classification prompt: a small fixed list chosen once from the
 * corpus's train split (never dev or test), every intent in English, Hinglish and Hindi, with the
 * hard parts of the definitions: a portfolio request is interested, price wins over "not now", a
 * warm decline is positive, a quoted pitch does not decide, "till 12.09" is back the next working
 * day, a referral's name loses its honorifics. reply-examples.spec.ts checks each against its line.
 */
export const replyExamples: ReplyExample[] = [
  {"id": "en-auto-0047", "lang": "en", "channel": "email", "receivedAt": "2026-06-03T05:18:00Z", "subject": "Re: More patients for Align Physio", "body": "could you share a couple of examples of work you did for other clinics? ideally physio or ortho", "intent": "interested", "sentiment": "neutral", "returnDate": null, "referral": null},
  {"id": "en-auto-0242", "lang": "en", "channel": "email", "receivedAt": "2027-09-20T11:00:00Z", "subject": "Re: Online bookings for Serene Homestay", "body": "We're not ready until next year but give me a ballpark for a booking website so I can plan the budget.", "intent": "asking_price", "sentiment": "neutral", "returnDate": null, "referral": null},
  {"id": "en-auto-0035", "lang": "en", "channel": "email", "receivedAt": "2026-05-11T07:15:00Z", "subject": "Re: Patient enquiries for Shanti Nursing Home", "body": "Do you work with hospitals or only small clinics? We are a 40-bed nursing home with two OTs.", "intent": "question", "sentiment": "neutral", "returnDate": null, "referral": null},
  {"id": "en-auto-0096", "lang": "en", "channel": "email", "receivedAt": "2027-04-08T06:35:00Z", "subject": "Re: Online orders for Crumbs & Co.", "body": "Thank you so much! Your work on the bakery sites is gorgeous, I spent ten minutes scrolling. We're a tiny two-person operation though and word of mouth keeps us more than busy. Maybe someday!\n\nIshita", "intent": "not_interested", "sentiment": "positive", "returnDate": null, "referral": null},
  {"id": "en-people-0391", "lang": "en", "channel": "email", "receivedAt": "2027-09-02T04:40:00Z", "subject": "Re: Social media for Zenith Tutorials", "body": "Dear Sir,\n\nI am on leave till 12.09.2027 for my sister's wedding. Kindly connect after that.\n\nRegards\nAnand Kulkarni\nDirector, Zenith Tutorials", "intent": "out_of_office", "sentiment": "neutral", "returnDate": "2027-09-13", "referral": null},
  {"id": "en-auto-0149", "lang": "en", "channel": "email", "receivedAt": "2026-11-09T12:20:00Z", "subject": "Re: Free audit for Saraswati Coaching", "body": "unsubscribe\n\nOn Mon, Nov 9, 2026 at 9:30 AM Growth Team <hello@leadspark.example> wrote:\n> Would you be interested in a free audit? We'd love to show you what's possible.", "intent": "unsubscribe", "sentiment": "neutral", "returnDate": null, "referral": null},
  {"id": "en-auto-0072", "lang": "en", "channel": "email", "receivedAt": "2026-10-19T07:22:00Z", "subject": "Automatic reply: Portfolio website for Luxe Interiors", "body": "Shreya Kapoor no longer works at Luxe Interiors. Please contact Mr. Aditya Kapoor at aditya@luxeinteriors.co.in for all business matters.\n\nThis mailbox will be deactivated shortly.", "intent": "wrong_person", "sentiment": "neutral", "returnDate": null, "referral": {"name": "Aditya Kapoor", "email": "aditya@luxeinteriors.co.in"}},
  {"id": "hinglish-0039", "lang": "hinglish", "channel": "whatsapp", "receivedAt": "2026-10-05T06:37:00Z", "subject": null, "body": "Haan interested hu. call karo shaam ko", "intent": "interested", "sentiment": "positive", "returnDate": null, "referral": null},
  {"id": "hinglish-0014", "lang": "hinglish", "channel": "email", "receivedAt": "2026-05-13T06:12:00Z", "subject": "Re: Social media for Cake Studio by Nidhi", "body": "Hi\ninstagram handle karne ka monthly kitna loge? bakery chhoti si hai, 2 posts a week bhi chalega\n\nNidhi\nSent from my iPhone", "intent": "asking_price", "sentiment": "neutral", "returnDate": null, "referral": null},
  {"id": "hinglish-0030", "lang": "hinglish", "channel": "whatsapp", "receivedAt": "2026-08-19T15:14:00Z", "subject": null, "body": "Thank u bhai aapne yaad kiya 🙏 but abhi budget nahi hai bilkul. diwali ke baad dekhte hai", "intent": "not_interested", "sentiment": "positive", "returnDate": null, "referral": null},
  {"id": "hinglish-0004", "lang": "hinglish", "channel": "whatsapp", "receivedAt": "2026-11-07T03:15:00Z", "subject": null, "body": "Namaste 🙏 Fitness Zone Gym Diwali ke liye 8 se 11 Nov tak band rahega. 12 Nov se regular timing pe khulega. Aapko aur aapke parivar ko Happy Diwali 🪔", "intent": "out_of_office", "sentiment": "neutral", "returnDate": "2026-11-12", "referral": null},
  {"id": "hinglish-0012", "lang": "hinglish", "channel": "email", "receivedAt": "2026-04-28T05:30:00Z", "subject": "Re: Aapke hospital ke liye online appointment system", "body": "Sir main yahan front desk pe receptionist hoon, ye sab decision mera nahi hota. Website wagaira ke liye Rakesh Sharma sir se baat kariye, unka email hai rakesh.sharma@lifelinehospital.example\n\nThanks\nPreeti", "intent": "wrong_person", "sentiment": "neutral", "returnDate": null, "referral": {"name": "Rakesh Sharma", "email": "rakesh.sharma@lifelinehospital.example"}},
  {"id": "hi-0007", "lang": "hi", "channel": "whatsapp", "receivedAt": "2026-09-19T11:02:00Z", "subject": null, "body": "आपको मेरा नंबर किसने दिया?", "intent": "question", "sentiment": "neutral", "returnDate": null, "referral": null},
  {"id": "hi-0017", "lang": "hi", "channel": "whatsapp", "receivedAt": "2026-07-02T17:01:00Z", "subject": null, "body": "मेरा नंबर अपनी लिस्ट से हटा दीजिए", "intent": "unsubscribe", "sentiment": "neutral", "returnDate": null, "referral": null},
  {"id": "hi-0067", "lang": "hi", "channel": "email", "receivedAt": "2027-06-07T04:00:00Z", "subject": "स्वचालित उत्तर: नई वेबसाइट के लिए प्रस्ताव", "body": "मैं 7 जून से 11 जून 2027 तक अवकाश पर हूँ। मेरी अनुपस्थिति में कृपया accounts@mehtatextiles.example पर लिखें।\n\nधन्यवाद,\nप्रकाश मेहता\nमेहता टेक्सटाइल्स, सूरत", "intent": "out_of_office", "sentiment": "neutral", "returnDate": "2027-06-14", "referral": null},
  {"id": "hi-0049", "lang": "hi", "channel": "whatsapp", "receivedAt": "2027-12-01T04:20:00Z", "subject": null, "body": "मैं यहाँ का मैनेजर नहीं हूँ स्टाफ हूँ। जिम के मालिक अमित भाई हैं उनको मेल करो amit@fitzonegym.example", "intent": "wrong_person", "sentiment": "neutral", "returnDate": null, "referral": {"name": "अमित", "email": "amit@fitzonegym.example"}},
  {"id": "hi-0050", "lang": "hi", "channel": "email", "receivedAt": "2026-01-21T09:00:00Z", "subject": "Re: चौहान हार्डवेयर के लिए वेबसाइट", "body": "अभी तो नहीं, शायद अप्रैल के बाद सोचेंगे। लेकिन बता दीजिए कि एक बेसिक वेबसाइट का खर्च लगभग कितना आएगा?\n\nमहेंद्र चौहान", "intent": "asking_price", "sentiment": "neutral", "returnDate": null, "referral": null},
];
