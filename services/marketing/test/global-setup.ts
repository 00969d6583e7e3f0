import { testInfraSetup } from '@crm/testing';

export default testInfraSetup(['marketing']);
