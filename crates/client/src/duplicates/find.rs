//! Finding likely duplicates among live people or companies: records sharing any match key
//! end up in one group (A and B share an e-mail, B and C a name at one company: one group).

use std::collections::HashMap;

use localspace_core::{Kind, RecordId};
use serde::{Deserialize, Serialize};

use super::index::{MatchRule, scan};
use crate::Replica;
use crate::error::Result;

/// Records that are likely one and the same.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DuplicateGroup {
    /// The strongest rule that joined two of them.
    pub rule: MatchRule,
    /// Oldest first: the natural winner of a merge.
    pub ids: Vec<RecordId>,
}

/// Groups of likely duplicate people or companies, oldest group first.
pub fn find_duplicates(replica: &Replica, kind: Kind) -> Result<Vec<DuplicateGroup>> {
    let records = {
        let conn = replica.lock();
        scan(&conn, kind)?
    };
    let mut parent: Vec<usize> = (0..records.len()).collect();
    let mut first_holder: HashMap<(MatchRule, &str), usize> = HashMap::new();
    let mut joined_by: Vec<Option<MatchRule>> = vec![None; records.len()];
    for (i, record) in records.iter().enumerate() {
        for (rule, key) in &record.keys {
            match first_holder.get(&(*rule, key.as_str())) {
                Some(&j) => {
                    let (a, b) = (root(&mut parent, i), root(&mut parent, j));
                    let (keep, gone) = (a.min(b), a.max(b));
                    parent[gone] = keep;
                    let strongest = [joined_by[keep], joined_by[gone], Some(*rule)]
                        .into_iter()
                        .flatten()
                        .min();
                    joined_by[keep] = strongest;
                }
                None => {
                    first_holder.insert((*rule, key.as_str()), i);
                }
            }
        }
    }
    let mut groups: std::collections::BTreeMap<usize, Vec<RecordId>> = Default::default();
    for (i, record) in records.iter().enumerate() {
        let r = root(&mut parent, i);
        groups.entry(r).or_default().push(record.id);
    }
    Ok(groups
        .into_iter()
        .filter(|(_, ids)| ids.len() > 1)
        .filter_map(|(r, ids)| joined_by[r].map(|rule| DuplicateGroup { rule, ids }))
        .collect())
}

fn root(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}
