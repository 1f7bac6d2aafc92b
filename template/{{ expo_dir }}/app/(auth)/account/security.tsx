export { default } from '../../../universal-auth/screens/SecurityScreen';
