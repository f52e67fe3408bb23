// Mozilla's list of common passwords (Firefox Accounts) ships without types.
declare module 'fxa-common-password-list' {
  const list: { test(password: string): boolean };
  export default list;
}
