//! How big the demo account is.

/// How many records of each kind the demo account gets, besides its one pipeline.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DemoSizes {
    /// Contacts; most work at one of the companies.
    pub people: usize,
    /// Companies.
    pub companies: usize,
    /// Deals in the one pipeline, over all of its stages, some won and some lost.
    pub deals: usize,
    /// Tasks: overdue, due today, upcoming and undated (the Inbox).
    pub tasks: usize,
    /// Notes, calls, meetings and e-mails on the timelines of people, companies and deals.
    pub notes: usize,
}

impl DemoSizes {
    /// The account `cargo xtask dev` shows: a sales team's year of work.
    pub const FULL: DemoSizes = DemoSizes {
        people: 2_000,
        companies: 300,
        deals: 150,
        tasks: 400,
        notes: 600,
    };

    /// A small account for tests: quick to seed, every list and bucket still has rows.
    pub const SMALL: DemoSizes = DemoSizes {
        people: 60,
        companies: 12,
        deals: 15,
        tasks: 20,
        notes: 20,
    };

    /// Every record the seed creates, the pipeline included.
    pub fn records(&self) -> usize {
        1 + self.people + self.companies + self.deals + self.tasks + self.notes
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_the_pipeline_too() {
        assert_eq!(DemoSizes::SMALL.records(), 128);
        assert_eq!(DemoSizes::FULL.records(), 3_451);
    }
}
