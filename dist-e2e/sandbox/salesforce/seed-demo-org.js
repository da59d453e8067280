"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.seedDemoOrg = seedDemoOrg;
/**
 * Seeds the demo org as it stood an hour ago (the stand-in's clock set back while seeding): the
 * records are settled, outside the mirror's trailing window, so the first mirror reads them all.
 */
function seedDemoOrg(sf) {
    const HOUR = 3_600_000;
    sf.clock.advance(-HOUR);
    try {
        return seed(sf);
    }
    finally {
        sf.clock.advance(HOUR);
    }
}
function seed(sf) {
    const user = (FirstName, LastName, MobilePhone) => sf.insert('User', { FirstName, LastName, Username: `${FirstName.toLowerCase()}@demo.example`, Email: `${FirstName.toLowerCase()}@demo.example`, MobilePhone });
    const users = { alice: user('Alice', 'Rep', '+12125550100'), bob: user('Bob', 'Rep', '+14165550100') };
    const account = (Name, Phone, BillingCountry, OwnerId) => sf.insert('Account', { Name, Phone, BillingCountry, OwnerId });
    const accounts = {
        acme: account('Acme Corp', '+12125550150', 'US', users.alice),
        northwind: account('Northwind Traders', '+13125550150', 'US', users.alice),
        maple: account('Maple Leaf Logistics', '+14165550150', 'CA', users.bob),
    };
    const contact = (FirstName, LastName, AccountId, OwnerId, extra) => sf.insert('Contact', { FirstName, LastName, AccountId, OwnerId, Email: `${FirstName.toLowerCase()}@${LastName.toLowerCase()}.example`, ...extra });
    const contacts = {
        jane: contact('Jane', 'Doe', accounts.acme, users.alice, { MobilePhone: '(212) 555-0101', Phone: '212-555-0111', SMS_Enrolled__c: true }),
        omar: contact('Omar', 'Haddad', accounts.acme, users.alice, { MobilePhone: '+1 415 555 0102', SMS_Enrolled__c: true, DoNotCall: true }),
        priya: contact('Priya', 'Shah', accounts.northwind, users.alice, { Phone: '312.555.0103', SMS_Enrolled__c: true, Do_Not_SMS__c: true }),
        luc: contact('Luc', 'Tremblay', accounts.maple, users.bob, { MobilePhone: '416-555-0104', SMS_Enrolled__c: false }),
        mei: contact('Mei', 'Chen', accounts.maple, users.bob, { MobilePhone: '+16045550105', SMS_Enrolled__c: true }),
    };
    const lead = (FirstName, LastName, Company, OwnerId, extra) => sf.insert('Lead', { FirstName, LastName, Company, OwnerId, ...extra });
    const leads = {
        chloe: lead('Chloé', 'Gagnon', 'Poutine Partners', users.bob, { MobilePhone: '514-555-0106', SMS_Enrolled__c: true }),
        sam: lead('Sam', 'Rivera', 'Bay Robotics', users.alice, { Phone: '(415) 555-0107', SMS_Enrolled__c: true, Do_Not_SMS__c: true }),
        tom: lead('Tom', 'Nguyen', 'Hudson Analytics', users.alice, { MobilePhone: '212 555 0108' }),
    };
    const opportunity = sf.insert('Opportunity', { Name: 'Acme Corp — Platform renewal', AccountId: accounts.acme, StageName: 'Negotiation/Review', CloseDate: '2030-06-30', Amount: 48000, OwnerId: users.alice });
    const contactRole = sf.insert('OpportunityContactRole', { OpportunityId: opportunity, ContactId: contacts.jane, Role: 'Decision Maker', IsPrimary: true });
    return { users, accounts, contacts, leads, opportunity, contactRole };
}
//# sourceMappingURL=seed-demo-org.js.map