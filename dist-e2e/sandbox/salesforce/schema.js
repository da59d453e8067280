"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.Schema = void 0;
exports.fieldOf = fieldOf;
const SYSTEM = {
    Id: { type: 'id', label: 'Record ID', nillable: false, createable: false, updateable: false, length: 18 },
    IsDeleted: { type: 'boolean', label: 'Deleted', nillable: false, createable: false, updateable: false },
    CreatedDate: { type: 'datetime', label: 'Created Date', nillable: false, createable: false, updateable: false },
    CreatedById: { type: 'reference', label: 'Created By ID', referenceTo: ['User'], relationshipName: 'CreatedBy', nillable: false, createable: false, updateable: false },
    LastModifiedDate: { type: 'datetime', label: 'Last Modified Date', nillable: false, createable: false, updateable: false },
    LastModifiedById: { type: 'reference', label: 'Last Modified By ID', referenceTo: ['User'], relationshipName: 'LastModifiedBy', nillable: false, createable: false, updateable: false },
    SystemModstamp: { type: 'datetime', label: 'System Modstamp', nillable: false, createable: false, updateable: false },
};
const OWNER = { type: 'reference', label: 'Owner ID', referenceTo: ['User'], relationshipName: 'Owner', nillable: false };
const READ_ONLY = { createable: false, updateable: false };
const PERSON = {
    FirstName: { type: 'string', label: 'First Name', length: 40 },
    LastName: { type: 'string', label: 'Last Name', length: 80, nillable: false, required: true },
    Name: { type: 'string', label: 'Full Name', length: 121, nillable: false, ...READ_ONLY },
    Phone: { type: 'phone', label: 'Phone', length: 40 },
    MobilePhone: { type: 'phone', label: 'Mobile Phone', length: 40 },
    Email: { type: 'email', label: 'Email', length: 80 },
    DoNotCall: { type: 'boolean', label: 'Do Not Call', nillable: false, defaultValue: false },
    HasOptedOutOfEmail: { type: 'boolean', label: 'Email Opt Out', nillable: false, defaultValue: false },
    OwnerId: OWNER,
    Do_Not_SMS__c: { type: 'boolean', label: 'Do Not SMS', nillable: false, defaultValue: false, custom: true },
    SMS_Enrolled__c: { type: 'boolean', label: 'SMS Enrolled', nillable: false, defaultValue: false, custom: true },
};
const OBJECTS = [
    {
        name: 'Account',
        label: 'Account',
        keyPrefix: '001',
        fields: {
            Name: { type: 'string', label: 'Account Name', length: 255, nillable: false, required: true },
            Phone: { type: 'phone', label: 'Account Phone', length: 40 },
            Industry: { type: 'picklist', label: 'Industry', length: 255 },
            BillingCountry: { type: 'string', label: 'Billing Country', length: 80 },
            OwnerId: OWNER,
        },
    },
    {
        name: 'Contact',
        label: 'Contact',
        keyPrefix: '003',
        fields: {
            ...PERSON,
            AccountId: { type: 'reference', label: 'Account ID', referenceTo: ['Account'], relationshipName: 'Account' },
            Title: { type: 'string', label: 'Title', length: 128 },
        },
    },
    {
        name: 'Lead',
        label: 'Lead',
        keyPrefix: '00Q',
        fields: {
            ...PERSON,
            Company: { type: 'string', label: 'Company', length: 255, nillable: false, required: true },
            Status: { type: 'picklist', label: 'Status', length: 255, nillable: false, defaultValue: 'Open - Not Contacted', picklistValues: ['Open - Not Contacted', 'Working - Contacted', 'Closed - Converted', 'Closed - Not Converted'] },
            IsConverted: { type: 'boolean', label: 'Converted', nillable: false, defaultValue: false, ...READ_ONLY },
            ConvertedDate: { type: 'date', label: 'Converted Date', ...READ_ONLY },
            ConvertedContactId: { type: 'reference', label: 'Converted Contact ID', referenceTo: ['Contact'], relationshipName: 'ConvertedContact', ...READ_ONLY },
            ConvertedAccountId: { type: 'reference', label: 'Converted Account ID', referenceTo: ['Account'], relationshipName: 'ConvertedAccount', ...READ_ONLY },
        },
    },
    {
        name: 'Opportunity',
        label: 'Opportunity',
        keyPrefix: '006',
        fields: {
            Name: { type: 'string', label: 'Name', length: 120, nillable: false, required: true },
            AccountId: { type: 'reference', label: 'Account ID', referenceTo: ['Account'], relationshipName: 'Account' },
            StageName: { type: 'picklist', label: 'Stage', length: 255, nillable: false, required: true, picklistValues: ['Prospecting', 'Qualification', 'Negotiation/Review', 'Closed Won', 'Closed Lost'] },
            CloseDate: { type: 'date', label: 'Close Date', nillable: false, required: true },
            IsClosed: { type: 'boolean', label: 'Closed', nillable: false, defaultValue: false, ...READ_ONLY },
            IsWon: { type: 'boolean', label: 'Won', nillable: false, defaultValue: false, ...READ_ONLY },
            Amount: { type: 'currency', label: 'Amount' },
            OwnerId: OWNER,
        },
    },
    {
        name: 'OpportunityContactRole',
        label: 'Opportunity Contact Role',
        keyPrefix: '00K',
        fields: {
            OpportunityId: { type: 'reference', label: 'Opportunity ID', referenceTo: ['Opportunity'], relationshipName: 'Opportunity', nillable: false, required: true, updateable: false },
            ContactId: { type: 'reference', label: 'Contact ID', referenceTo: ['Contact'], relationshipName: 'Contact', nillable: false, required: true },
            Role: { type: 'picklist', label: 'Role', length: 40, picklistValues: ['Decision Maker', 'Economic Buyer', 'Influencer', 'Other'] },
            IsPrimary: { type: 'boolean', label: 'Primary', nillable: false, defaultValue: false },
        },
    },
    {
        name: 'Task',
        label: 'Task',
        keyPrefix: '00T',
        fields: {
            Subject: { type: 'combobox', label: 'Subject', length: 255 },
            Description: { type: 'textarea', label: 'Description', length: 32000 },
            Status: { type: 'picklist', label: 'Status', length: 255, nillable: false, defaultValue: 'Not Started', picklistValues: ['Not Started', 'In Progress', 'Completed', 'Waiting on someone else', 'Deferred'] },
            Priority: { type: 'picklist', label: 'Priority', length: 40, nillable: false, defaultValue: 'Normal', picklistValues: ['High', 'Normal', 'Low'] },
            Type: { type: 'picklist', label: 'Type', length: 40, picklistValues: ['Call', 'Email', 'Meeting', 'Other', 'SMS'] },
            ActivityDate: { type: 'date', label: 'Due Date Only' },
            WhoId: { type: 'reference', label: 'Name ID', referenceTo: ['Contact', 'Lead'], relationshipName: 'Who' },
            WhatId: { type: 'reference', label: 'Related To ID', referenceTo: ['Account', 'Opportunity'], relationshipName: 'What' },
            OwnerId: { ...OWNER, label: 'Assigned To ID' },
            IsClosed: { type: 'boolean', label: 'Closed', nillable: false, defaultValue: false, ...READ_ONLY },
            TaskSubtype: { type: 'picklist', label: 'Task Subtype', length: 40, updateable: false, picklistValues: ['Task', 'Email', 'Call'] },
            SMS_Message_Id__c: { type: 'string', label: 'SMS Message Id', length: 64, externalId: true, unique: true, custom: true },
        },
    },
    {
        name: 'User',
        label: 'User',
        keyPrefix: '005',
        fields: {
            Username: { type: 'string', label: 'Username', length: 80, nillable: false, required: true, unique: true },
            FirstName: { type: 'string', label: 'First Name', length: 40 },
            LastName: { type: 'string', label: 'Last Name', length: 80, nillable: false, required: true },
            Name: { type: 'string', label: 'Full Name', length: 121, nillable: false, ...READ_ONLY },
            Email: { type: 'email', label: 'Email', length: 128, nillable: false, required: true },
            IsActive: { type: 'boolean', label: 'Active', nillable: false, defaultValue: true },
            MobilePhone: { type: 'phone', label: 'Mobile', length: 40 },
        },
    },
];
function buildField(name, spec) {
    const nillable = spec.nillable ?? true;
    return {
        name,
        label: spec.label ?? name,
        type: spec.type,
        nillable,
        createable: spec.createable ?? true,
        updateable: spec.updateable ?? spec.createable ?? true,
        externalId: spec.externalId ?? false,
        unique: spec.unique ?? false,
        custom: spec.custom ?? name.endsWith('__c'),
        required: spec.required ?? false,
        referenceTo: spec.referenceTo ?? [],
        relationshipName: spec.relationshipName ?? null,
        length: spec.length ?? 0,
        picklistValues: spec.picklistValues ?? [],
        defaultValue: spec.defaultValue ?? null,
    };
}
function buildObject(def) {
    const fields = Object.entries({ ...pickId(), ...def.fields, ...withoutId() }).map(([n, s]) => buildField(n, s));
    const byName = new Map(fields.map((f) => [f.name.toLowerCase(), f]));
    const byRelationship = new Map(fields.filter((f) => f.relationshipName).map((f) => [f.relationshipName.toLowerCase(), f]));
    return { name: def.name, label: def.label, keyPrefix: def.keyPrefix, fields, byName, byRelationship };
}
function pickId() {
    return { Id: SYSTEM.Id };
}
function withoutId() {
    const { Id: _id, ...rest } = SYSTEM;
    return rest;
}
class Schema {
    objects = new Map();
    byPrefix = new Map();
    constructor(defs = OBJECTS) {
        for (const def of defs) {
            const built = buildObject(def);
            this.objects.set(built.name.toLowerCase(), built);
            this.byPrefix.set(built.keyPrefix, built);
        }
    }
    /** The object, looked up case-insensitively like Salesforce does; null when unknown. */
    object(name) {
        return this.objects.get(name.toLowerCase()) ?? null;
    }
    objectOfId(id) {
        return this.byPrefix.get(id.slice(0, 3)) ?? null;
    }
    all() {
        return [...this.objects.values()];
    }
}
exports.Schema = Schema;
function fieldOf(object, name) {
    return object.byName.get(name.toLowerCase()) ?? null;
}
//# sourceMappingURL=schema.js.map