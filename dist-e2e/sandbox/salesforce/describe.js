"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.describeObject = describeObject;
exports.describeGlobal = describeGlobal;
/**
 * Describe results in the REST API's shape (a subset of DescribeSObjectResult / Field, the keys
 * clients actually read). Source: REST API Developer Guide, "sObject Describe"
 * (resources_sobject_describe.htm) and "Describe Global" (resources_describeGlobal.htm); field
 * properties as in the SOAP API's DescribeSObjectResult "Field".
 */
const SOAP_TYPES = {
    id: 'tns:ID',
    reference: 'tns:ID',
    string: 'xsd:string',
    textarea: 'xsd:string',
    phone: 'xsd:string',
    email: 'xsd:string',
    picklist: 'xsd:string',
    combobox: 'xsd:string',
    boolean: 'xsd:boolean',
    datetime: 'xsd:dateTime',
    date: 'xsd:date',
    double: 'xsd:double',
    currency: 'xsd:double',
};
function urls(object, version) {
    const base = `/services/data/v${version}/sobjects/${object.name}`;
    return { sobject: base, describe: `${base}/describe`, rowTemplate: `${base}/{ID}` };
}
function describeField(f) {
    return {
        name: f.name,
        label: f.label,
        type: f.type,
        soapType: SOAP_TYPES[f.type],
        length: f.length,
        nillable: f.nillable,
        createable: f.createable,
        updateable: f.updateable,
        externalId: f.externalId,
        unique: f.unique,
        idLookup: f.type === 'id' || f.externalId,
        caseSensitive: false,
        custom: f.custom,
        calculated: false,
        defaultedOnCreate: f.defaultValue !== null || ['Id', 'OwnerId', 'CreatedDate', 'CreatedById', 'LastModifiedDate', 'LastModifiedById', 'SystemModstamp', 'IsDeleted'].includes(f.name),
        defaultValue: f.defaultValue,
        filterable: f.type !== 'textarea',
        sortable: f.type !== 'textarea',
        referenceTo: f.referenceTo,
        relationshipName: f.relationshipName,
        polymorphicForeignKey: f.referenceTo.length > 1,
        picklistValues: f.picklistValues.map((value) => ({ active: true, defaultValue: value === f.defaultValue, label: value, value, validFor: null })),
    };
}
/** The object-level properties both describes carry (the global one lists them per object). */
function objectSummary(object, version) {
    return {
        name: object.name,
        label: object.label,
        labelPlural: `${object.label}s`,
        keyPrefix: object.keyPrefix,
        custom: false,
        createable: true,
        updateable: true,
        deletable: true,
        queryable: true,
        retrieveable: true,
        searchable: true,
        replicateable: true,
        urls: urls(object, version),
    };
}
function describeObject(object, version) {
    return {
        ...objectSummary(object, version),
        layoutable: true,
        childRelationships: [],
        recordTypeInfos: [],
        fields: object.fields.map(describeField),
    };
}
function describeGlobal(schema, version) {
    return {
        encoding: 'UTF-8',
        maxBatchSize: 200,
        sobjects: schema.all().map((o) => objectSummary(o, version)),
    };
}
//# sourceMappingURL=describe.js.map