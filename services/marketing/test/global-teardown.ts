export { testInfraTeardown as default } from '@crm/testing';
