import { describe, expect, it } from 'vitest';
import { parseRobots } from './robots.ts';

describe('robots.txt', () => {
  it('takes the group naming our agent over "*", the longest match, and Allow on ties', () => {
    const robots = parseRobots('User-agent: *\nDisallow: /\n\nUser-agent: GoogleBot\nUser-agent: crm-autopilot\nDisallow: /private\nAllow: /private/contact\nDisallow: /*.pdf$\n', 'CRM-AutoPilot');
    expect(robots.allows('/')).toBe(true);
    expect(robots.allows('/private/x')).toBe(false);
    expect(robots.allows('/private/contact')).toBe(true);
    expect(robots.allows('/files/menu.pdf')).toBe(false);
    expect(robots.allows('/files/menu.pdf?x=1')).toBe(true);
  });

  it('follows "*" when nothing names us; an empty Disallow and comments allow', () => {
    expect(parseRobots('User-agent: *\nDisallow: /contact # no bots\n', 'CRM-AutoPilot').allows('/contact-us')).toBe(false);
    expect(parseRobots('User-agent: *\nDisallow:\n', 'CRM-AutoPilot').allows('/anything')).toBe(true);
    expect(parseRobots('', 'CRM-AutoPilot').allows('/')).toBe(true);
    expect(parseRobots('User-agent: other\nDisallow: /\n', 'CRM-AutoPilot').allows('/')).toBe(true);
  });
});
