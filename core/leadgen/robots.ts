// robots.txt as sites write it (RFC 9309): the group for our agent (or "*"), Allow and Disallow by
// longest match, "*" and "$" in paths. Pure: the file's text in, a yes or no per path out.

interface Rule {
  allow: boolean;
  pattern: string;
  test: RegExp;
}

export interface Robots {
  allows(path: string): boolean;
}

const toRegExp = (pattern: string) => new RegExp(`^${pattern.replace(/[.+?^{}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\\\$$|\$$/, '$')}`);

/** `agent`: our product token ("CRM-AutoPilot"); a group naming it wins over "*". */
export function parseRobots(text: string, agent: string): Robots {
  const groups: Array<{ agents: string[]; rules: Rule[] }> = [];
  let current: { agents: string[]; rules: Rule[] } | null = null;
  let lastWasAgent = false;
  for (const rawLine of text.slice(0, 512 * 1024).split(/\r\n|\r|\n/)) {
    const line = rawLine.replace(/#.*$/, '').trim();
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const field = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (field === 'user-agent') {
      if (!current || !lastWasAgent) groups.push((current = { agents: [], rules: [] }));
      current.agents.push(value.toLowerCase());
      lastWasAgent = true;
      continue;
    }
    lastWasAgent = false;
    if (!current || (field !== 'allow' && field !== 'disallow')) continue;
    if (field === 'disallow' && value === '') continue; // "Disallow:" with nothing allows everything
    current.rules.push({ allow: field === 'allow', pattern: value, test: toRegExp(value) });
  }
  const token = agent.toLowerCase();
  const mine = groups.filter((g) => g.agents.some((a) => a !== '*' && token.startsWith(a)));
  const rules = (mine.length ? mine : groups.filter((g) => g.agents.includes('*'))).flatMap((g) => g.rules);
  return {
    allows(path: string) {
      let best: Rule | null = null;
      for (const rule of rules) {
        if (!rule.test.test(path)) continue;
        if (!best || rule.pattern.length > best.pattern.length || (rule.pattern.length === best.pattern.length && rule.allow)) best = rule;
      }
      return best ? best.allow : true;
    },
  };
}

/** A robots.txt that could not be read: 4xx means no rules (allowed), 5xx or no answer means stay away. */
export const ALLOW_ALL: Robots = { allows: () => true };
export const DISALLOW_ALL: Robots = { allows: () => false };
