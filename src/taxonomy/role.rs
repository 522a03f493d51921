//! Role profiles as data: weighted requirement groups and career levels, read from a taxonomy's
//! `roles` key. The scoring module turns them into scores.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::ConceptId;

/// A job role: requirement groups that a document is scored against, and career levels.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Role {
    /// Stable kebab-case id, such as `desktop-technician`.
    pub id: String,
    /// The role's name.
    pub name: String,
    /// Job titles that name this role.
    #[serde(default)]
    pub titles: Vec<String>,
    /// The weighted requirement groups.
    #[serde(default)]
    pub groups: Vec<RequirementGroup>,
    /// Career levels, from junior to senior.
    #[serde(default)]
    pub levels: Vec<CareerLevel>,
}

/// A weighted set of concepts that together meet one requirement.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RequirementGroup {
    /// Stable kebab-case id, such as `certifications`.
    pub id: String,
    /// The group's name.
    pub name: String,
    /// Points this group is worth, relative to the other groups.
    pub weight: f64,
    /// Whether the group is essential or preferred.
    pub importance: Importance,
    /// How many of the concepts meet the group.
    pub rule: GroupRule,
    /// The concepts that count toward the group.
    pub concepts: Vec<ConceptId>,
    /// Advice for a candidate who lacks this group.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub advice: Option<String>,
    /// Concepts of the group that are essential on their own, whatever the group's rule
    /// (CompTIA A+ among valued certifications).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub essential: Vec<ConceptId>,
    /// Advice per concept, from the seed documents, shown in gap reports.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub notes: BTreeMap<ConceptId, String>,
    /// For an experience group: the years of experience that meet it in full. The concepts
    /// (help desk, desktop support) earn half the group, the years the other half.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub years: Option<f64>,
}

/// How essential a requirement is.
#[derive(Clone, Copy, Debug, Deserialize, Serialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "kebab-case")]
pub enum Importance {
    /// Required for the role.
    Essential,
    /// Valued but not required.
    Preferred,
}

/// How many concepts of a group must be present to meet it fully.
#[derive(Clone, Copy, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum GroupRule {
    /// Every concept.
    All,
    /// Any one concept.
    Any,
    /// At least this many concepts.
    AtLeast(u32),
}

/// A career level of a role, with its usual years of experience.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct CareerLevel {
    /// Stable kebab-case id.
    pub id: String,
    /// The level's title.
    pub name: String,
    /// Usual minimum years of experience.
    pub min_years: f64,
    /// Usual maximum years of experience, if bounded.
    #[serde(default)]
    pub max_years: Option<f64>,
    /// What the level does, in the career guide's words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// What the level focuses on.
    #[serde(default)]
    pub focus: Vec<String>,
    /// Words in job titles or duties that name the level ("senior", "team lead", "manager").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cues: Vec<String>,
    /// Concepts typical of this level.
    #[serde(default)]
    pub concepts: Vec<ConceptId>,
}

impl Role {
    /// Checks the role against the taxonomy's concept ids; returns a message naming the first
    /// problem.
    pub fn validate(&self, is_known: &dyn Fn(&str) -> bool) -> Result<(), String> {
        for group in &self.groups {
            if !(group.weight.is_finite() && group.weight >= 0.0) {
                return Err(format!(
                    "role '{}', group '{}': weight must be a non-negative number",
                    self.id, group.id
                ));
            }
            if let GroupRule::AtLeast(k) = group.rule {
                if k == 0 || k as usize > group.concepts.len() {
                    return Err(format!(
                        "role '{}', group '{}': at_least {} needs between 1 and {} (the number of concepts)",
                        self.id,
                        group.id,
                        k,
                        group.concepts.len()
                    ));
                }
            }
            for id in &group.concepts {
                if !is_known(id.as_str()) {
                    return Err(format!(
                        "role '{}', group '{}': unknown concept '{}'",
                        self.id, group.id, id
                    ));
                }
            }
        }
        for level in &self.levels {
            for id in &level.concepts {
                if !is_known(id.as_str()) {
                    return Err(format!(
                        "role '{}', level '{}': unknown concept '{}'",
                        self.id, level.id, id
                    ));
                }
            }
        }
        Ok(())
    }
}
