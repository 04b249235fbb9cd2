/**
 * A department's name as a key: NFKC-normalised (full-width letters and digits, compatibility forms)
 * with every whitespace removed, so that "成都市 工商业联合会" and "成都市工商业联合会" name the same
 * department. The roll-up matches projects to a department by it, and access compares it.
 */
export const departmentKey = (name: string): string => name.normalize('NFKC').replace(/\s+/gu, '');
