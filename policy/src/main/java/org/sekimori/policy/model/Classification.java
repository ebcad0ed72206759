package org.sekimori.policy.model;

/** How the law treats a data item, which decides how carefully it is shown. */
public enum Classification {
    /** Personal information that is neither an identifier nor sensitive: age, occupation, area. */
    ORDINARY,
    /** An identifier of the person (個人識別符号, account or member numbers, device ids). */
    IDENTIFIER,
    /** Special care-required personal information (要配慮個人情報): health, medical history, medication. */
    SENSITIVE;
}
