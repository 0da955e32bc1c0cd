export { WaffleMenu } from './waffle-menu.component';
