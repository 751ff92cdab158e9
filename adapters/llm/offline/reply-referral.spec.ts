import { describe, expect, it } from 'vitest';
import { findReferral, type Referral } from './reply-referral.ts';
import { stripQuotedReply } from './reply-text.ts';

const OUR_ADDRESS = 'asha@brightweb.example';

/** As the classifier calls it: the reply's own words, with the lead's address (when known) and ours excluded. */
function referral(body: string, leadEmail: string | null = null): Referral | null {
  return findReferral(stripQuotedReply(body), leadEmail, OUR_ADDRESS);
}

const check = (cases: Array<[string, Referral | null]>) =>
  it.each(cases)('%j → %j', (body, expected) => {
    expect(referral(body)).toEqual(expected);
  });

describe('referrals: the patterns people write', () => {
  check([
    ['Ankit has left the company, write to Meera Shah instead: meera@brightsmiles.in', { name: 'Meera Shah', email: 'meera@brightsmiles.in' }],
    ['I am copying our head of operations, ops@fitzone.in, who decides on these things.', { name: null, email: 'ops@fitzone.in' }],
    ['You want our manager, Mr. Rajesh Kumar, not me.', { name: 'Rajesh Kumar', email: null }],
    ["please contact Priya ma'am for this", { name: 'Priya', email: null }],
    ['Sharma ji se baat karein, wahi dekhte hain', { name: 'Sharma', email: null }],
    ['हमारे मैनेजर अमित जी से बात करें (amit@sunrisehotel.in)', { name: 'अमित', email: 'amit@sunrisehotel.in' }],
    ['Thank you for your email. Ravi Menon is no longer with Acme Dental; please contact Anita Rao <anita.rao@acmedental.com>.', { name: 'Anita Rao', email: 'anita.rao@acmedental.com' }],
    ["I'm the wrong person for this. Please contact my colleague Priya Nair at priya.nair@smiledental.in", { name: 'Priya Nair', email: 'priya.nair@smiledental.in' }],
    ["I don't handle this. Rahul Verma handles marketing, email him at rahul@pinkcity.in", { name: 'Rahul Verma', email: 'rahul@pinkcity.in' }],
    ['Please reach out to our marketing head, Neha Gupta (neha@amerheritage.in).', { name: 'Neha Gupta', email: 'neha@amerheritage.in' }],
    ['The right person for this would be Arjun, our digital lead. arjun@studio9.in', { name: 'Arjun', email: 'arjun@studio9.in' }],
    ['Marketing is handled by Kavya Reddy (kavya@lotusspa.in).', { name: 'Kavya Reddy', email: 'kavya@lotusspa.in' }],
    ['I have forwarded your email to Dr. Fernandes, who looks after our marketing.', { name: 'Fernandes', email: null }],
    ['Please note that Rajiv Malhotra has left ABC Realty. Your message has been forwarded to Sunita Arora (sunita.arora@abcrealty.com).', { name: 'Sunita Arora', email: 'sunita.arora@abcrealty.com' }],
    ["I don't deal with vendors. Our purchase head is Mr. Vinod Jain - vinod.jain@abcpharma.com", { name: 'Vinod Jain', email: 'vinod.jain@abcpharma.com' }],
    ["This is Anil's clinic number; for website stuff talk to his son Karan", { name: 'Karan', email: null }],
    ['Hi Asha, wrong person. Try Ravi.', { name: 'Ravi', email: null }],
    ['Priya is the one you should talk to, priya@glam.in', { name: 'Priya', email: 'priya@glam.in' }],
    ['cc: Priya (priya@brightsmiles.in) - she handles our social media', { name: 'Priya', email: 'priya@brightsmiles.in' }],
    ['Please contact Priya\npriya@brightsmiles.in', { name: 'Priya', email: 'priya@brightsmiles.in' }],
    ['WRONG PERSON. CONTACT RAVI ON 9829011223', { name: 'RAVI', email: null }],
    ['This should go to our admin team at admin@whitefieldapts.org', { name: null, email: 'admin@whitefieldapts.org' }],
    ['Please contact Accounts Team at accounts@abc.in', { name: null, email: 'accounts@abc.in' }],
    ['Wrong number', null],
  ]);
});

describe('referrals: Hinglish and Hindi', () => {
  check([
    ['iske liye aap Vikram se baat kijiye, vikram@rajtextiles.co.in', { name: 'Vikram', email: 'vikram@rajtextiles.co.in' }],
    ['Main ye nahi dekhta, Rahul se baat karo. Uska email rahul@pinkcity.in hai', { name: 'Rahul', email: 'rahul@pinkcity.in' }],
    ['sharma ji se baat karo', { name: 'sharma', email: null }],
    ['Bhai main nahi, Amit dekhta hai marketing', { name: 'Amit', email: null }],
    ['Aap Ramesh ji ko call kijiye 9829011223', { name: 'Ramesh', email: null }],
    ['Rohit sir ko mail karo rohit@fitlife.in', { name: 'Rohit', email: 'rohit@fitlife.in' }],
    ['Mai reception pe hoon. Aap Neha madam ko mail kar do neha@glowsalon.in', { name: 'Neha', email: 'neha@glowsalon.in' }],
    ['yeh sab humare partner Deepak bhai dekhte hai, unka number 98290 11223', { name: 'Deepak', email: null }],
    ['owner se baat karo', null],
    ['galat number hai, ye Sunil ka number tha', null],
    ['Sir this is Dr. Kapoor\'s old number, he has changed. New number 98765 01234', { name: 'Kapoor', email: null }],
    ['This is Dr Sinha\'s old number, he changed it last year. I don\'t have the new one sorry', null],
    ['ye sab cheezein humari beti dekhti hai, Ritu. uska email ritu.bakes@gmail.com hai', { name: 'Ritu', email: 'ritu.bakes@gmail.com' }],
    ['website ka kaam bade bhaiya Mumbai se dekhte hai. unka mail rohit.textiles@gmail.com hai, Rohit naam hai', { name: 'Rohit', email: 'rohit.textiles@gmail.com' }],
    ['अब यह जिम विक्रम सिंह जी चलाते हैं - vikram@fitzonegym.example पर लिखिए।', { name: 'विक्रम सिंह', email: 'vikram@fitzonegym.example' }],
    ['Doctor sahab ka mail hai drmehra.skincare@gmail.com, Dr. Anil Mehra. Unko mail kijiye', { name: 'Anil Mehra', email: 'drmehra.skincare@gmail.com' }],
    ['Thank you for contacting Lakeview Orthopaedics. Dr. Cole no longer works here; please email reception@lakeview.example', { name: null, email: 'reception@lakeview.example' }],
    ['मैं इस विभाग में नहीं हूँ, कृपया सुनीता जी से बात करें', { name: 'सुनीता', email: null }],
    ['मैं यह काम नहीं देखता, कृपया राहुल जी से संपर्क करें: rahul@smiledental.in', { name: 'राहुल', email: 'rahul@smiledental.in' }],
    ['कृपया हमारे डायरेक्टर श्री राकेश शर्मा से संपर्क करें। उनका ईमेल rakesh@shivtraders.com है।', { name: 'राकेश शर्मा', email: 'rakesh@shivtraders.com' }],
    ['यह ईमेल गलत व्यक्ति को भेजा गया है', null],
  ]);
});

describe('referrals: names without honorifics', () => {
  check([
    ['Please contact Mr. Suresh Iyer\nsuresh.iyer@xyz.com', { name: 'Suresh Iyer', email: 'suresh.iyer@xyz.com' }],
    ['Not me - speak to the owner, Mrs. Kapoor.', { name: 'Kapoor', email: null }],
    ['Please connect with Ms. Fatima Sheikh (Head - Marketing) at fatima.s@royalgroup.ae', { name: 'Fatima Sheikh', email: 'fatima.s@royalgroup.ae' }],
    ["I'm only the receptionist, you'll want to speak with Dr. Anand Rao, he owns the clinic.", { name: 'Anand Rao', email: null }],
    ['Please talk to Smt. Lata Joshi', { name: 'Lata Joshi', email: null }],
    ['Kindly speak with Shri Mohan Lal', { name: 'Mohan Lal', email: null }],
    ['Anjali madam se contact kijiye', { name: 'Anjali', email: null }],
    ['Iske liye Verma saab se baat karo', { name: 'Verma', email: null }],
    ['Suresh bhai ko bolo', { name: 'Suresh', email: null }],
  ]);
});

describe('referrals: replies written as an unseen check', () => {
  check([
  ['Hi, I handle accounts only. For anything marketing please reach out to Karthik (karthik@sunrisedental.in).', { name: 'Karthik', email: 'karthik@sunrisedental.in' }],
  ['Not the right contact - try our practice manager Angela Brooks, angela.brooks@westsidevets.com', { name: 'Angela Brooks', email: 'angela.brooks@westsidevets.com' }],
  ['Suresh no longer works here. Contact admin@greenleafcafe.in', { name: null, email: 'admin@greenleafcafe.in' }],
  ['Hello, Mrs. Iyer retired last month. Her son Vivek Iyer now runs the pharmacy: vivek@iyermedicals.com', { name: 'Vivek Iyer', email: 'vivek@iyermedicals.com' }],
  ['bhai main to bas delivery karta hu, malik ka naam Gupta ji hai', { name: 'Gupta', email: null }],
  ['Mujhe nahi pata, aap Anand sir se poochiye', { name: 'Anand', email: null }],
  ['यह कार्य हमारे प्रबंधक श्री दिनेश पाठक देखते हैं। उनका ईमेल dinesh@pathakgroup.in है।', { name: 'दिनेश पाठक', email: 'dinesh@pathakgroup.in' }],
  ['मैं यहां नया हूं, आप मीना मैडम से बात कीजिए', { name: 'मीना', email: null }],
  ['Please write to our Head of Marketing, Dr. Farah Khan, at farah.khan@citycare.org.', { name: 'Farah Khan', email: 'farah.khan@citycare.org' }],
  ['I have moved on from Nova Interiors. Please contact the studio at hello@novainteriors.in', { name: null, email: 'hello@novainteriors.in' }],
  ['Wrong number bro', null],
  ['Sorry, this is the kitchen. The manager is Mr. Fernandes, he comes in at 6.', { name: 'Fernandes', email: null }],
  ['I\'m cc\'ing Neil who looks after partnerships — neil@urbanbrew.co', { name: 'Neil', email: 'neil@urbanbrew.co' }],
  ['Thanks but you\'ve reached the personal account of Dr. Rao. Clinic enquiries: reception@raoclinic.com', { name: null, email: 'reception@raoclinic.com' }],
  ['मेरा इससे कोई लेना देना नहीं। आप गलत जगह मेल कर रहे हैं।', null],
  ['Kindly get in touch with Ms Ritu Malhotra, Admin Head, on ritu.m@sapphireschool.edu.in', { name: 'Ritu Malhotra', email: 'ritu.m@sapphireschool.edu.in' }],
  ['Pls speak to my husband Rakesh, he handles the shop. 98290 12345', { name: 'Rakesh', email: null }],
  ['Website ka kaam hamare bete Rohan dekhte hain, unko rohan.jain@gmail.com pe mail karo', { name: 'Rohan', email: 'rohan.jain@gmail.com' }],
  ['Hi there, I left Brightpath in June. Matt Reynolds (matt@brightpath.io) took over my accounts.', { name: 'Matt Reynolds', email: 'matt@brightpath.io' }],
  ['Please direct such emails to procurement@tatamotorsdealer.in. Regards, Front Office', { name: null, email: 'procurement@tatamotorsdealer.in' }],
  ['You should be talking to Rekha in our Bandra branch.', { name: 'Rekha', email: null }],
  ['Best person for this is our owner, Mr. Desai.', { name: 'Desai', email: null }],
  ['Dinesh is the guy you need, he runs the place.', { name: 'Dinesh', email: null }],
  ['Our proprietor Shri Ramesh Agarwal takes care of all this.', { name: 'Ramesh Agarwal', email: null }],
  ['That would be my business partner, Sameer.', { name: 'Sameer', email: null }],
  ['The decision maker is Anjali Shah (anjali@shahjewels.in).', { name: 'Anjali Shah', email: 'anjali@shahjewels.in' }],
  ["It's Priyanka you want, not me.", { name: 'Priyanka', email: null }],
  ['Email my assistant (Pooja) at pooja@lotusclinic.in', { name: 'Pooja', email: 'pooja@lotusclinic.in' }],
  ['Contact person: Mr. Hemant Joshi, +91 98290 11111', { name: 'Hemant Joshi', email: null }],
  ['Ye sab Mehta sahab decide karte hain', { name: 'Mehta', email: null }],
  ['aap direct Ankit ko call karo 9829012345', { name: 'Ankit', email: null }],
  ['iske liye Pooja didi se baat karna padega', { name: 'Pooja', email: null }],
  ['Bhaiya ka number deta hu, Sunny naam hai unka', { name: 'Sunny', email: null }],
  ['owner abhi Rakesh bhai hai', { name: 'Rakesh', email: null }],
  ['Marketing Sonal handle karti hai', { name: 'Sonal', email: null }],
  ['Mera boss Vikas hai, usse baat karo', { name: 'Vikas', email: null }],
  ['इस बारे में हमारे मालिक राजेंद्र जी ही बताएंगे', { name: 'राजेंद्र', email: null }],
  ['आप प्रबंधक महोदय श्री सुरेश से संपर्क करें', { name: 'सुरेश', email: null }],
  ['मार्केटिंग का काम पूजा देखती है', { name: 'पूजा', email: null }],
  ['अब यह दुकान रमेश चलाते हैं', { name: 'रमेश', email: null }],
  ['मैंने आपका मेल अजय को भेज दिया है', { name: 'अजय', email: null }],
  ['यह नंबर अब विनोद जी का नहीं है', null],
  ['pls contact ramesh 9829011223', { name: 'ramesh', email: null }],
  ['not me, talk to anita', { name: 'anita', email: null }],
  ['Please get in touch with our office manager at office@fitzone.in', { name: null, email: 'office@fitzone.in' }],
  ['I am not the owner. Owner: Mr. K. S. Reddy, reddy.ks@gmail.com', { name: 'K. S. Reddy', email: 'reddy.ks@gmail.com' }],
  ['She has left. Her replacement is Nisha Verma.', { name: 'Nisha Verma', email: null }],
  ['This is the gym reception. Our trainer Aman handles Instagram, I can pass it on.', { name: 'Aman', email: null }],
  ['मैं ड्राइवर हूँ, सेठ जी का नंबर दूसरा है', null],
  ['aap galat jagah message kar rahe ho, ye ghar ka number hai', null],
  ]);
});

describe('referrals: a second unseen check (family businesses, successors, titles before and after)', () => {
  check([
  ['Adding @Rohan here, he runs our Instagram', { name: 'Rohan', email: null }],
  ['इसके लिए आप श्रीमान वर्मा जी से मिलिए', { name: 'वर्मा', email: null }],
  ['mere papa ki shop hai, unka naam Ramesh Gupta. 98290 12121', { name: 'Ramesh Gupta', email: null }],
  ['you need to talk to the owner - Mr. Gill', { name: 'Gill', email: null }],
  ["I've looped in Sana from our marketing team.", { name: 'Sana', email: null }],
  ['यह मेल मैंने अपने सहकर्मी रोहित को भेज दिया है', { name: 'रोहित', email: null }],
  ['Mrs. Rao is the one to talk to, not me', { name: 'Rao', email: null }],
  ['unka naam Priya hai, wahi dekhti hai', { name: 'Priya', email: null }],
  ['Hi! This is the front desk at Glow Salon. Our owner Shweta handles all vendor stuff, you can email her on shweta@glowsalon.in', { name: 'Shweta', email: 'shweta@glowsalon.in' }],
  ['Not me. Speak to Imran at the Andheri branch, 98200 11223', { name: 'Imran', email: null }],
  ['I only do the accounts. Marketing decisions are made by Mrs. Pereira.', { name: 'Pereira', email: null }],
  ['Dear sender, Mr. Kulkarni has retired. Kindly correspond with Mr. Abhay Deshpande (abhay.d@deshpandeassociates.in) henceforth.', { name: 'Abhay Deshpande', email: 'abhay.d@deshpandeassociates.in' }],
  ['Hey! Wrong Rahul I think 😅 The one you want is Rahul Khanna from Khanna Sweets, I am Rahul Mehra.', { name: 'Rahul Khanna', email: null }],
  ["You've reached the personal email of Sam. For Sam's Cafe please email hello@samscafe.in", { name: null, email: 'hello@samscafe.in' }],
  ['yeh mera personal number hai. clinic ka kaam Dr. Arora dekhti hain, unka number clinic pe milega', { name: 'Arora', email: null }],
  ['Bhai shop mere chacha ki hai, Naresh ji. unse baat karo 98290 55555', { name: 'Naresh', email: null }],
  ['aap Mohit ko bolo, wahi website wala kaam karta hai', { name: 'Mohit', email: null }],
  ['Iss baare mein Kavita ma\'am decide karengi. kavita@brightkids.in pe mail kar dijiye', { name: 'Kavita', email: 'kavita@brightkids.in' }],
  ['main sirf staff hoon, maalik Jitendra bhai hain. unka no 97722 33445', { name: 'Jitendra', email: null }],
  ['मैं अकाउंटेंट हूँ, ये सब फैसले हमारे डायरेक्टर साहब श्री मनोज अग्रवाल लेते हैं। manoj@agarwalsteel.in', { name: 'मनोज अग्रवाल', email: 'manoj@agarwalsteel.in' }],
  ['इस विषय में कृपया हमारी मैनेजर सुश्री रीता सिंह से बात करें।', { name: 'रीता सिंह', email: null }],
  ['यह काम मेरे भाई साहब संजय देखते हैं, उनका ईमेल sanjay@guptastores.in है', { name: 'संजय', email: 'sanjay@guptastores.in' }],
  ['आपने गलत नंबर पर मैसेज किया है, यह नंबर अब रमेश जी का नहीं है', null],
  ['नमस्ते, डॉ. मीरा अब इस क्लिनिक में नहीं बैठतीं। क्लिनिक के लिए reception@carepoint.in पर लिखें।', { name: null, email: 'reception@carepoint.in' }],
  ['I\'m forwarding this to Leena, she manages our socials. Leena - over to you! (leena@zenyoga.in)', { name: 'Leena', email: 'leena@zenyoga.in' }],
  ['Please reach out to our GM Operations, Mr. Thomas Mathew — gm.ops@backwaterresort.in', { name: 'Thomas Mathew', email: 'gm.ops@backwaterresort.in' }],
  ['I work in IT support, not marketing. Try Deepa in the marketing team.', { name: 'Deepa', email: null }],
  ['Owner yahan nahi baithte. Unka naam Harish Chawla hai, harish.chawla@gmail.com', { name: 'Harish Chawla', email: 'harish.chawla@gmail.com' }],
  ["We've been acquired by FreshMart. All vendor queries go to vendors@freshmart.in", { name: null, email: 'vendors@freshmart.in' }],
  ['Sorry, Prakash left us in March. His replacement, Anita D\'Souza, can be reached at anita.dsouza@coastalfoods.in', { name: "Anita D'Souza", email: 'anita.dsouza@coastalfoods.in' }],
  ['Madam ye kaam mera nahi hai. Humare sir Mr. Bhalla ko mail karo, bhalla@bhallaoptics.com', { name: 'Bhalla', email: 'bhalla@bhallaoptics.com' }],
  ['I am just an intern here! Please write to Dr. Vikram Sethi directly.', { name: 'Vikram Sethi', email: null }],
  ]);
});

describe('referrals: never the replier, the person who left, the lead or us', () => {
  check([
    ["I'm not the right person, please contact our office manager.\n\nRegards,\nRohit Mehta\nrohit@x.com", null],
    ["I'm just the receptionist. Dr. Mehta decides these things.\n\nThanks,\nPooja\nFront desk, Mehta Dental\npooja@mehtadental.in", { name: 'Mehta', email: null }],
    ["Sorry, I'm not the right person. Thanks, Rahul", null],
    ['Not my department, sorry.\n\nKaran Malhotra\nSenior Accountant\nkaran@malhotraca.in | +91 98290 11223', null],
    ['I no longer work at Zenith Gym. Try the front desk: frontdesk@zenithgym.in\n\nCheers\nMark\nmark.w@gmail.com', { name: null, email: 'frontdesk@zenithgym.in' }],
    ['I am no longer with Smile Dental. For anything related please email reception@smiledental.in. You can reach me personally at anil.p@gmail.com', { name: null, email: 'reception@smiledental.in' }],
    ['Ankit (ankit@brightsmiles.in) has left the company. Please write to meera@brightsmiles.in instead.', { name: null, email: 'meera@brightsmiles.in' }],
    ['rajiv@abcrealty.com is no longer active. For sales, write to sales@abcrealty.com', { name: null, email: 'sales@abcrealty.com' }],
    ['This mailbox is no longer monitored. Please resend your email to info@abcrealty.com', { name: null, email: 'info@abcrealty.com' }],
    ['I am not the right person.\n\nOn Tue, 3 Mar 2026 at 10:02, Asha <asha@brightweb.example> wrote:\n> Please contact asha@brightweb.example', null],
    [`Wrong person, you wrote to ${OUR_ADDRESS} by mistake? Please use noreply@clinic.in or contact info@clinic.in`, { name: null, email: 'info@clinic.in' }],
  ]);

  it('never takes the lead’s own address, even outside a signature', () => {
    expect(referral('Wrong person, sorry.\nDr. Sharma\ndr@smiledental.in', 'dr@smiledental.in')).toBeNull();
    expect(referral('I only use dr@smiledental.in for patients; write to admin@smiledental.in', 'DR@smiledental.in')).toEqual({ name: null, email: 'admin@smiledental.in' });
  });
});
