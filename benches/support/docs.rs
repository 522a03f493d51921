//! Realistic job postings and resumes for the scorer's benches, generated from the embedded
//! taxonomy with a fixed seed (no dev data): the section skeletons, dated roles, years claims,
//! negations, requirement and benefit lines, contact lines and boilerplate that the scorer's
//! stages look for, with skills written by canonical name or plain alias, between sentences of
//! ordinary prose.

use rolefit::taxonomy::{Alias, Kind};
use rolefit::Taxonomy;

/// splitmix64: small, fast and the same on every platform, so the texts never change.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const TITLES: &[&str] = &[
    "Desktop Support Technician",
    "IT Support Specialist",
    "Help Desk Analyst",
    "Service Desk Analyst",
    "Field Services Technician",
    "End User Computing Specialist",
    "Systems Administrator",
    "Network Support Technician",
];
const LEVELS: &[&str] = &["", "", "Senior ", "Junior ", "Lead ", "Associate "];
const COMPANIES: &[&str] = &[
    "Northwind Traders",
    "Contoso Ltd",
    "Fabrikam Inc",
    "Tailspin Toys",
    "Woodgrove Bank",
    "Lamna Healthcare",
    "Trey Research",
];
const MONTHS: &[&str] = &[
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
const SEPARATORS: &[&str] = &[", ", ", ", "; ", " | ", " \u{2022} ", " / "];
/// Ordinary sentences with no skill in them: most of a real document's bytes.
const PROSE: &[&str] = &[
    "The team works closely with every department to keep people productive.",
    "We value clear writing, patience and a habit of leaving things better than we found them.",
    "Most days start with a review of the open queue and a short stand-up meeting.",
    "The office moved to a new building last spring and the floor plan is still changing.",
    "Visitors are asked to sign in at the front desk and wear a badge at all times.",
    "Questions from new staff are welcome, and nobody is expected to know everything.",
    "The schedule is Monday to Friday, with one evening shift every other week.",
    "Our customers range from small clinics to large regional offices.",
    "Each quarter the group reviews what went well and what should change next.",
    "Travel between the three sites is occasional and reimbursed.",
    "A mentor is assigned for the first ninety days to answer questions and review work.",
    "The role reports to the operations manager and works alongside two other analysts.",
];

/// Surface forms of the embedded taxonomy's concepts, by kind.
pub struct Vocabulary {
    by_kind: Vec<(Kind, Vec<String>)>,
}

impl Vocabulary {
    pub fn new(taxonomy: &Taxonomy) -> Vocabulary {
        let mut by_kind: Vec<(Kind, Vec<String>)> = Vec::new();
        for c in taxonomy.concepts() {
            let forms =
                std::iter::once(c.name.clone()).chain(c.aliases.iter().filter_map(|a| match a {
                    Alias::Plain(s) => Some(s.clone()),
                    Alias::Rule(_) => None,
                }));
            match by_kind.iter_mut().find(|(k, _)| *k == c.kind) {
                Some((_, v)) => v.extend(forms),
                None => by_kind.push((c.kind, forms.collect())),
            }
        }
        Vocabulary { by_kind }
    }

    fn skill(&self, rng: &mut Rng, kind: Option<Kind>) -> String {
        let forms = match kind.and_then(|k| self.by_kind.iter().find(|(x, _)| *x == k)) {
            Some((_, v)) => v,
            None => &rng.pick(&self.by_kind).1,
        };
        let s = rng.pick(forms).clone();
        match rng.below(20) {
            0 => s.to_lowercase(),
            1 => s.to_uppercase(),
            _ => s,
        }
    }

    fn skills(&self, rng: &mut Rng, n: usize, kind: Option<Kind>) -> String {
        let sep = *rng.pick(SEPARATORS);
        let list: Vec<String> = (0..n).map(|_| self.skill(rng, kind)).collect();
        list.join(sep)
    }
}

fn prose(rng: &mut Rng, out: &mut String, sentences: usize) {
    for i in 0..sentences {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(PROSE[rng.below(PROSE.len())]);
    }
    out.push('\n');
}

fn title(rng: &mut Rng) -> String {
    format!("{}{}", rng.pick(LEVELS), rng.pick(TITLES))
}

/// A job posting of about `size` bytes (at least one of each section).
pub fn posting(vocab: &Vocabulary, seed: u64, size: usize) -> String {
    let rng = &mut Rng(seed);
    let company = *rng.pick(COMPANIES);
    let mut s = format!(
        "{}\n{company} - Columbus, OH (hybrid)\n\nAbout us\n",
        title(rng)
    );
    prose(rng, &mut s, 3);
    let body_until = size.saturating_sub(700);
    s.push_str("\nResponsibilities\n");
    loop {
        let line = match rng.below(6) {
            0 => format!(
                "- Provide Tier 2 support for end users on {} and {}.\n",
                vocab.skill(rng, Some(Kind::Platform)),
                vocab.skill(rng, Some(Kind::Tool))
            ),
            1 => format!(
                "- Install, configure and troubleshoot {}.\n",
                vocab.skills(rng, 3, Some(Kind::Hardware))
            ),
            2 => format!(
                "- Document every resolution in {} and keep the knowledge base current.\n",
                vocab.skill(rng, Some(Kind::Tool))
            ),
            3 => format!(
                "- Troubleshoot network connectivity ({}).\n",
                vocab.skills(rng, 3, Some(Kind::Protocol))
            ),
            4 => format!(
                "- You will own onboarding for new staff: accounts in {}, laptops and {}.\n",
                vocab.skill(rng, Some(Kind::Tool)),
                vocab.skill(rng, Some(Kind::Hardware))
            ),
            _ => {
                let mut p = String::from("- ");
                prose(rng, &mut p, 1);
                p
            }
        };
        s.push_str(&line);
        if s.len() > body_until / 2 {
            break;
        }
    }
    s.push_str("\nRequirements\n");
    loop {
        let line = match rng.below(6) {
            0 => format!(
                "- {}+ years of experience in desktop support or a related field.\n",
                1 + rng.below(6)
            ),
            1 => format!(
                "- Working knowledge of {}.\n",
                vocab.skills(rng, 3, Some(Kind::TechnicalSkill))
            ),
            2 => format!(
                "- Hands-on experience with {} in an enterprise environment.\n",
                vocab.skills(rng, 2, Some(Kind::Platform))
            ),
            3 => format!(
                "- Strong {} and {}.\n",
                vocab.skill(rng, Some(Kind::SoftSkill)),
                vocab.skill(rng, Some(Kind::SoftSkill))
            ),
            4 => format!(
                "- You must be able to lift {} lbs and work on-site; {} is required.\n",
                20 + rng.below(40),
                vocab.skill(rng, Some(Kind::Platform))
            ),
            _ => format!(
                "- Bachelor's degree in Information Technology or {} years of equivalent experience.\n",
                2 + rng.below(3)
            ),
        };
        s.push_str(&line);
        if s.len() > body_until {
            break;
        }
    }
    s.push_str(&format!(
        "\nPreferred\n- {} certification; {} a plus.\n- Experience with {} is not required.\n",
        vocab.skill(rng, Some(Kind::Certification)),
        vocab.skill(rng, Some(Kind::Certification)),
        vocab.skill(rng, Some(Kind::Methodology))
    ));
    s.push_str(
        "\nWhat we offer\n- Medical, dental and vision insurance, a 401(k) match and paid time off.\n\
         - Tuition support for certifications.\n\n",
    );
    s.push_str(&format!(
        "{company} is an equal opportunity employer. All qualified applicants will receive \
         consideration for employment without regard to race, color, religion, sex, national \
         origin, disability or veteran status.\n"
    ));
    s
}

/// A resume of about `size` bytes: contact lines, summary, skills, dated roles (the latest
/// "Present"), education and certifications.
pub fn resume(vocab: &Vocabulary, seed: u64, size: usize) -> String {
    let rng = &mut Rng(seed);
    let mut s = format!(
        "Jordan Patel\n{}\njordan.patel@example.com | (555) 201-7788 | Denver, CO\n\nSummary\n",
        title(rng)
    );
    s.push_str(&format!(
        "{} with {} years of experience supporting {} and {}. No experience with {}.\n",
        title(rng),
        2 + rng.below(12),
        vocab.skill(rng, Some(Kind::Platform)),
        vocab.skill(rng, Some(Kind::Tool)),
        vocab.skill(rng, Some(Kind::Tool))
    ));
    s.push_str(&format!(
        "\nSkills\n{}\n{}\n\nExperience\n",
        vocab.skills(rng, 8, None),
        vocab.skills(rng, 6, Some(Kind::Tool))
    ));
    let mut year = 2024;
    let mut first = true;
    let body_until = size.saturating_sub(350);
    while s.len() < body_until {
        let start = year - 1 - rng.below(3) as i32;
        let end = if first {
            "Present".to_string()
        } else {
            format!("{} {year}", rng.pick(MONTHS))
        };
        first = false;
        s.push_str(&format!(
            "{}, {} - {} {start} - {end}\n",
            title(rng),
            rng.pick(COMPANIES),
            rng.pick(MONTHS)
        ));
        for _ in 0..3 + rng.below(3) {
            let line = match rng.below(5) {
                0 => format!(
                    "- Resolved {} tickets per week in {} with a {}% satisfaction score.\n",
                    20 + rng.below(150),
                    vocab.skill(rng, Some(Kind::Tool)),
                    80 + rng.below(19)
                ),
                1 => format!(
                    "- Migrated {} users to {} with {}.\n",
                    40 + rng.below(4000),
                    vocab.skill(rng, Some(Kind::Platform)),
                    vocab.skill(rng, Some(Kind::Tool))
                ),
                2 => format!(
                    "- Configured {} for a branch office; used {} for {} years.\n",
                    vocab.skills(rng, 2, Some(Kind::Protocol)),
                    vocab.skill(rng, Some(Kind::Tool)),
                    1 + rng.below(5)
                ),
                3 => format!(
                    "- Trained staff on {} and {}.\n",
                    vocab.skill(rng, Some(Kind::Methodology)),
                    vocab.skill(rng, Some(Kind::SoftSkill))
                ),
                _ => {
                    let mut p = String::from("- ");
                    prose(rng, &mut p, 1);
                    p
                }
            };
            s.push_str(&line);
        }
        s.push('\n');
        year = start;
    }
    s.push_str(&format!(
        "Education\nBachelor of Science in Information Technology, Bellows College, {}\n\n\
         Certifications\n{}\n",
        year - 1,
        vocab.skills(rng, 3, Some(Kind::Certification))
    ));
    s
}
