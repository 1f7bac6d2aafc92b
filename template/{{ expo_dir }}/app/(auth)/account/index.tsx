export { default } from '../../../universal-auth/screens/AccountScreen';
